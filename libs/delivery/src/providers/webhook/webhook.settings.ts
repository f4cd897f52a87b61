import { IsUrl, Matches, ValidateIf } from 'class-validator';
import { MaxPerSecond, namesProvider } from '../provider-settings';

/**
 * The operator's webhook: required while `webhook` is named for SMS or voice. One webhook serves
 * both channels (its body names the channel): one receiver and one secret to keep.
 */
export class WebhookSettings {
  @ValidateIf(
    (env: WebhookSettings) =>
      namesProvider(env, 'webhook', ['sms', 'voice']) || env.SMS_WEBHOOK_URL !== undefined,
  )
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    {
      message:
        'SMS_WEBHOOK_URL must be an http(s) URL (required by the webhook provider, SMS or voice)',
    },
  )
  SMS_WEBHOOK_URL?: string;

  /** Standard Webhooks secret: `whsec_` followed by base64. */
  @ValidateIf(
    (env: WebhookSettings) =>
      namesProvider(env, 'webhook', ['sms', 'voice']) || env.SMS_WEBHOOK_SECRET !== undefined,
  )
  @Matches(/^whsec_[A-Za-z0-9+/=]{16,}$/, {
    message: 'SMS_WEBHOOK_SECRET must be "whsec_" followed by a base64 key of 12 bytes or more',
  })
  SMS_WEBHOOK_SECRET?: string;

  @MaxPerSecond('SMS_WEBHOOK_MAX_PER_SECOND')
  SMS_WEBHOOK_MAX_PER_SECOND?: number;
}
