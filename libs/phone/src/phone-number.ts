import {
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { PhoneInvalidError, RegionNotAllowedError } from './phone.errors';

export interface NormalizedPhone {
  /** E.164: `+8613800138000`. */
  e164: string;
  /** ISO 3166 alpha-2 region: `CN`. */
  region: string;
}

export interface PhonePolicy {
  defaultRegion: string;
  /** Empty means every region. */
  allowedRegions: readonly string[];
}

// Digits, an optional leading plus and the usual separators; anything else
// (letters, full-width digits, other Unicode) is refused before parsing.
const PHONE_CHARACTERS = /^\+?[0-9][0-9 ().-]{2,30}$/;
const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

const isMobile = (phone: PhoneNumber | undefined): phone is PhoneNumber =>
  phone !== undefined && phone.isValid() && MOBILE_TYPES.has(phone.getType() ?? '');

/**
 * Reads `+8613800138000`, `8613800138000` (country code without the plus, as
 * the Tencent Cloud demo sends) or a national number of the default region.
 */
export function normalizePhone(input: string, policy: PhonePolicy): NormalizedPhone {
  const text = input.trim();
  if (!PHONE_CHARACTERS.test(text)) throw new PhoneInvalidError();

  const phone = text.startsWith('+')
    ? parsePhoneNumberFromString(text)
    : firstMobile(text, policy.defaultRegion as CountryCode);
  if (!isMobile(phone) || phone.country === undefined) throw new PhoneInvalidError();

  if (policy.allowedRegions.length > 0 && !policy.allowedRegions.includes(phone.country)) {
    throw new RegionNotAllowedError(phone.country);
  }
  return { e164: phone.number, region: phone.country };
}

function firstMobile(text: string, defaultRegion: CountryCode): PhoneNumber | undefined {
  const national = parsePhoneNumberFromString(text, defaultRegion);
  if (isMobile(national)) return national;
  return parsePhoneNumberFromString(`+${text}`);
}
