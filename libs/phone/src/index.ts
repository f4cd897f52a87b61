export { NormalizedPhone, normalizePhone, PhonePolicy } from './phone-number';
export { PhoneNormalizer } from './phone-normalizer';
export { PhoneInvalidError, RegionNotAllowedError } from './phone.errors';
export { PhoneModule } from './phone.module';
