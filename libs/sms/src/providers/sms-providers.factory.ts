import { Provider } from '@nestjs/common';
import { AppConfigService, SmsProviderName } from '@app/config';
import { ConsoleSmsProvider } from './console.provider';
import { SMS_PROVIDERS, SmsProvider } from './sms-provider';
import { WebhookSmsProvider } from './webhook/webhook.provider';

function createProvider(name: SmsProviderName, config: AppConfigService): SmsProvider {
  switch (name) {
    case 'console':
      return new ConsoleSmsProvider();
    case 'webhook':
      return new WebhookSmsProvider({
        // Presence is checked at start-up by the configuration schema.
        url: config.get('SMS_WEBHOOK_URL') ?? '',
        secret: config.get('SMS_WEBHOOK_SECRET') ?? '',
        timeoutMs: config.get('SMS_PROVIDER_TIMEOUT_MS'),
      });
  }
}

/** The providers named by SMS_PROVIDER, in failover order. */
export const smsProvidersProvider: Provider = {
  provide: SMS_PROVIDERS,
  inject: [AppConfigService],
  useFactory: (config: AppConfigService): SmsProvider[] =>
    config.get('SMS_PROVIDER').map((name) => createProvider(name, config)),
};
