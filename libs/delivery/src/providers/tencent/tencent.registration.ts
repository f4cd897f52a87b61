import { defineProvider } from '../provider-definition';
import { TencentSmsProvider } from './tencent-sms.provider';
import { TencentSettings } from './tencent.settings';

// The schema requires the credentials while the provider is named, hence `?? ''` never applies.
export const tencentProvider = defineProvider({
  name: 'tencent',
  settings: TencentSettings,
  create: (settings, { timeoutMs }) =>
    new TencentSmsProvider({
      secretId: settings.TENCENT_SECRET_ID ?? '',
      secretKey: settings.TENCENT_SECRET_KEY ?? '',
      sdkAppId: settings.TENCENT_SMS_SDK_APP_ID ?? '',
      region: settings.TENCENT_SMS_REGION,
      endpoint: settings.TENCENT_SMS_ENDPOINT,
      timeoutMs,
      reportConversions: settings.TENCENT_SMS_REPORT_CONVERSION,
      maxPerSecond: settings.TENCENT_MAX_PER_SECOND,
    }),
});
