import { Module } from '@nestjs/common';
import { PhoneNormalizer } from './phone-normalizer';

/** Phone parsing with the service's regions: for codes, delivery, accounts and the import. */
@Module({ providers: [PhoneNormalizer], exports: [PhoneNormalizer] })
export class PhoneModule {}
