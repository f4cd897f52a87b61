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

/**
 * The same webhook for voice codes: the body says `channel: "voice"`, `content` is the text to
 * read out and `variables.code` the digits. One URL and one secret serve both channels, so an
 * operator keeps one receiver; its rate (SMS_WEBHOOK_MAX_PER_SECOND) is counted per channel.
 */
export const webhookVoiceProvider = defineProvider({
  name: 'webhook',
  settings: WebhookSettings,
  create: (settings, { timeoutMs }) =>
    new WebhookSmsProvider({
      url: settings.SMS_WEBHOOK_URL ?? '',
      secret: settings.SMS_WEBHOOK_SECRET ?? '',
      timeoutMs,
      maxPerSecond: settings.SMS_WEBHOOK_MAX_PER_SECOND,
      channel: 'voice',
    }),
});
