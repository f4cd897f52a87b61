import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn } from 'class-validator';
import { IsParsed, parsedOr, toLowerCaseList } from '@app/config';
import { SMS_PROVIDER_NAMES, SmsProviderName } from './provider-registry';
import { parseSmsRoutes, SmsRoutes } from './sms-routes';

/**
 * Which providers send, in failover order. Validated before the providers' own settings
 * (`DELIVERY_SETTINGS`), whose credentials are required while these name the provider.
 */
export class SmsRoutingSettings {
  /** Providers in failover order, e.g. `webhook` or `tencent,aliyun` (see also SMS_ROUTES). */
  @Transform(toLowerCaseList)
  @ArrayNotEmpty({ message: 'SMS_PROVIDER must name at least one provider' })
  @IsIn(SMS_PROVIDER_NAMES, {
    each: true,
    message: `SMS_PROVIDER must be a comma-separated list of: ${SMS_PROVIDER_NAMES.join(', ')}`,
  })
  SMS_PROVIDER: SmsProviderName[] = ['console'];

  /** Provider lists by phone region, e.g. `CN=tencent,aliyun;*=aliyun`; SMS_PROVIDER otherwise. */
  @Transform(parsedOr((text) => parseSmsRoutes(text, SMS_PROVIDER_NAMES)))
  @IsParsed(
    'SMS_ROUTES must look like CN=tencent,aliyun;*=aliyun (ISO regions or *, known providers)',
  )
  SMS_ROUTES: SmsRoutes = {};
}
