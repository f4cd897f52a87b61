import { defineProvider } from '../provider-definition';
import { AliyunSmsProvider } from './aliyun-sms.provider';
import { AliyunSettings } from './aliyun.settings';

// The schema requires the credentials while the provider is named, hence `?? ''` never applies.
export const aliyunProvider = defineProvider({
  name: 'aliyun',
  settings: AliyunSettings,
  create: (settings, { timeoutMs }) =>
    new AliyunSmsProvider({
      accessKeyId: settings.ALIYUN_ACCESS_KEY_ID ?? '',
      accessKeySecret: settings.ALIYUN_ACCESS_KEY_SECRET ?? '',
      endpoint: settings.ALIYUN_SMS_ENDPOINT,
      timeoutMs,
      reportConversions: settings.ALIYUN_SMS_REPORT_CONVERSION,
      maxPerSecond: settings.ALIYUN_MAX_PER_SECOND,
    }),
});
