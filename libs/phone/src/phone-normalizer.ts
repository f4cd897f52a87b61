import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { NormalizedPhone, normalizePhone, PhonePolicy } from './phone-number';

/** Numbers remembered: between one and two generations of this many. */
const GENERATION_SIZE = 10_000;

/**
 * Phone parsing with the service's SMS_DEFAULT_REGION and SMS_ALLOWED_REGIONS.
 *
 * Parsing against the full metadata (needed to tell mobiles apart) is the costliest step of a
 * verify or a refused send after the I/O (8-9% of the API's CPU in `npm run bench`), and the
 * same numbers come back: a code is sent, then verified; an attack hammers a few phones. The
 * answer for an input never changes, so the last answers are kept (frozen) in two generations:
 * a full generation becomes the old one and the older is dropped, with no per-entry bookkeeping.
 * Refusals are not kept: they throw each time.
 */
@Injectable()
export class PhoneNormalizer {
  private readonly policy: PhonePolicy;
  private recent = new Map<string, NormalizedPhone>();
  private older = new Map<string, NormalizedPhone>();

  constructor(config: AppConfigService) {
    this.policy = {
      defaultRegion: config.get('SMS_DEFAULT_REGION'),
      allowedRegions: allowedRegions(config),
    };
  }

  normalize(phone: string): NormalizedPhone {
    const known = this.recent.get(phone);
    if (known !== undefined) return known;
    const normalized = this.older.get(phone) ?? Object.freeze(normalizePhone(phone, this.policy));
    if (this.recent.size >= GENERATION_SIZE) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(phone, normalized);
    return normalized;
  }
}

/** SMS_ALLOWED_REGIONS as a policy: unset is the default region only, `*` every region. */
function allowedRegions(config: AppConfigService): string[] {
  const listed = config.get('SMS_ALLOWED_REGIONS');
  if (listed.includes('*')) return [];
  return listed.length > 0 ? listed : [config.get('SMS_DEFAULT_REGION')];
}
