import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { NormalizedPhone, normalizePhone, PhonePolicy } from './phone-number';

/** Phone parsing with the service's SMS_DEFAULT_REGION and SMS_ALLOWED_REGIONS. */
@Injectable()
export class PhoneNormalizer {
  private readonly policy: PhonePolicy;

  constructor(config: AppConfigService) {
    this.policy = {
      defaultRegion: config.get('SMS_DEFAULT_REGION'),
      allowedRegions: config.get('SMS_ALLOWED_REGIONS'),
    };
  }

  normalize(phone: string): NormalizedPhone {
    return normalizePhone(phone, this.policy);
  }
}
