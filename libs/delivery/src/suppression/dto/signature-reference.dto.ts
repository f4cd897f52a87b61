import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';
import { CATALOG_NAME } from '../../catalog.dto';

/** A signature's name (catalogue name rules) or id (a uuid matches them too). */
export const IsSignatureReference = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Matches(CATALOG_NAME, { message: 'signature must be a signature name or id' }),
  );
