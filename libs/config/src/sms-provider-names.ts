/** Every SMS provider the service can send through. */
export const SMS_PROVIDER_NAMES = ['console', 'webhook', 'tencent', 'aliyun'] as const;
export type SmsProviderName = (typeof SMS_PROVIDER_NAMES)[number];
