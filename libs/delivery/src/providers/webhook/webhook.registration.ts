import { defineProvider } from '../provider-definition';
import { WebhookSmsProvider } from './webhook.provider';
import { WebhookSettings } from './webhook.settings';

// The schema requires the URL and secret while the provider is named, hence `?? ''` never applies.
export const webhookProvider = defineProvider({
  name: 'webhook',
  settings: WebhookSettings,
  create: (settings, { timeoutMs }) =>
    new WebhookSmsProvider({
      url: settings.SMS_WEBHOOK_URL ?? '',
      secret: settings.SMS_WEBHOOK_SECRET ?? '',
      timeoutMs,
      maxPerSecond: settings.SMS_WEBHOOK_MAX_PER_SECOND,
    }),
});
