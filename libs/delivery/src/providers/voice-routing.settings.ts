import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import { IsParsed, parsedOr, toLowerCaseList } from '@app/config';
import { parseSmsRoutes } from './sms-routes';
import type { ProviderRoutes } from './sms-routes';
import { VOICE_PROVIDER_NAMES, VoiceProviderName } from './voice-provider-registry';

/**
 * Which providers place voice-code calls, in failover order, in the shape of SMS_PROVIDER and
 * SMS_ROUTES. None by default: a voice code is then `ChannelNotAvailable` everywhere.
 */
export class VoiceRoutingSettings {
  /** Providers in failover order, e.g. `tencent,aliyun`; empty (the default), no voice calls. */
  @Transform(toLowerCaseList)
  @IsIn(VOICE_PROVIDER_NAMES, {
    each: true,
    message: `VOICE_PROVIDER must be a comma-separated list of: ${VOICE_PROVIDER_NAMES.join(', ')}`,
  })
  VOICE_PROVIDER: VoiceProviderName[] = [];

  /** Provider lists by phone region, e.g. `CN=tencent,aliyun`; VOICE_PROVIDER otherwise. */
  @Transform(parsedOr((text) => parseSmsRoutes(text, VOICE_PROVIDER_NAMES)))
  @IsParsed(
    'VOICE_ROUTES must look like CN=tencent,aliyun;*=webhook (ISO regions or *, known voice providers)',
  )
  VOICE_ROUTES: ProviderRoutes<VoiceProviderName> = {};
}
