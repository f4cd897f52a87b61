import { applyDecorators } from '@nestjs/common';
import { IsDefined, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { leanCloudCode } from './leancloud-body';

const PHONE_MAX_LENGTH = 32;

/** `mobilePhoneNumber`, required: missing or empty is 212, not a phone-like string 127. */
export const MobilePhoneNumber = (): PropertyDecorator =>
  applyDecorators(
    IsDefined(leanCloudCode(212)),
    IsString(leanCloudCode(127)),
    IsNotEmpty(leanCloudCode(212)),
    MaxLength(PHONE_MAX_LENGTH, leanCloudCode(127)),
  );

/** `mobilePhoneNumber` where LeanCloud clients may leave it out. */
export const OptionalMobilePhoneNumber = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    IsString(leanCloudCode(127)),
    MaxLength(PHONE_MAX_LENGTH, leanCloudCode(127)),
  );
