import { Provider } from '@nestjs/common';
import { AppConfigService, SmsProviderName } from '@app/config';
import { AliyunSmsProvider } from './aliyun/aliyun-sms.provider';
import { ConsoleSmsProvider } from './console.provider';
import { SmsProvider } from './sms-provider';
import { SmsProviderRouter } from './sms-provider-router';
import { TencentSmsProvider } from './tencent/tencent-sms.provider';
import { WebhookSmsProvider } from './webhook/webhook.provider';

// Credentials of every provider named in SMS_PROVIDER or SMS_ROUTES are checked at start-up
// by the configuration schema, hence the `?? ''` below never applies.
function createProvider(name: SmsProviderName, config: AppConfigService): SmsProvider {
  const timeoutMs = config.get('SMS_PROVIDER_TIMEOUT_MS');
  switch (name) {
    case 'console':
      return new ConsoleSmsProvider();
    case 'webhook':
      return new WebhookSmsProvider({
        url: config.get('SMS_WEBHOOK_URL') ?? '',
        secret: config.get('SMS_WEBHOOK_SECRET') ?? '',
        timeoutMs,
      });
    case 'tencent':
      return new TencentSmsProvider({
        secretId: config.get('TENCENT_SECRET_ID') ?? '',
        secretKey: config.get('TENCENT_SECRET_KEY') ?? '',
        sdkAppId: config.get('TENCENT_SMS_SDK_APP_ID') ?? '',
        region: config.get('TENCENT_SMS_REGION'),
        endpoint: config.get('TENCENT_SMS_ENDPOINT'),
        timeoutMs,
      });
    case 'aliyun':
      return new AliyunSmsProvider({
        accessKeyId: config.get('ALIYUN_ACCESS_KEY_ID') ?? '',
        accessKeySecret: config.get('ALIYUN_ACCESS_KEY_SECRET') ?? '',
        endpoint: config.get('ALIYUN_SMS_ENDPOINT'),
        timeoutMs,
      });
  }
}

/** One instance of each provider named in SMS_PROVIDER or SMS_ROUTES, routed by region. */
export const smsProviderRouterProvider: Provider = {
  provide: SmsProviderRouter,
  inject: [AppConfigService],
  useFactory: (config: AppConfigService): SmsProviderRouter => {
    const instances = new Map<SmsProviderName, SmsProvider>();
    const instance = (name: SmsProviderName): SmsProvider => {
      const existing = instances.get(name) ?? createProvider(name, config);
      instances.set(name, existing);
      return existing;
    };
    const routes = Object.fromEntries(
      Object.entries(config.get('SMS_ROUTES')).map(([region, names]) => [
        region,
        names.map(instance),
      ]),
    );
    return new SmsProviderRouter(config.get('SMS_PROVIDER').map(instance), routes);
  },
};
