import type { SmsProvider } from './sms-provider';
import { SmsProviderRouter } from './sms-provider-router';

/**
 * The voice providers to try for a phone, in failover order: VOICE_ROUTES' list for the phone's
 * region, else its `*` list, else VOICE_PROVIDER; of those, the ones that can call the region
 * (`regions`: Tencent's and Aliyun's voice codes reach mainland China only).
 */
export class VoiceProviderRouter extends SmsProviderRouter {
  override providersFor(region: string): readonly SmsProvider[] {
    return super.providersFor(region).filter((provider) => canCall(provider, region));
  }

  /** Some configured provider can call a phone of this region (else `ChannelNotAvailable`). */
  canReach(region: string): boolean {
    return this.providersFor(region).length > 0;
  }
}

function canCall(provider: SmsProvider, region: string): boolean {
  return provider.regions === undefined || provider.regions.includes(region);
}
