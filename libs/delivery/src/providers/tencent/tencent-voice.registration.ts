import { defineProvider } from '../provider-definition';
import { TencentVoiceProvider } from './tencent-voice.provider';
import { TencentVoiceSettings } from './tencent-voice.settings';
import { TencentSettings } from './tencent.settings';

// The schemas require the app id and the credentials while the provider is named, hence `?? ''`
// never applies.
export const tencentVoiceProvider = defineProvider({
  name: 'tencent',
  settings: TencentVoiceSettings,
  account: TencentSettings,
  create: (settings, { timeoutMs }, account) =>
    new TencentVoiceProvider({
      secretId: account.TENCENT_SECRET_ID ?? '',
      secretKey: account.TENCENT_SECRET_KEY ?? '',
      voiceSdkAppId: settings.TENCENT_VMS_SDK_APP_ID ?? '',
      region: settings.TENCENT_VMS_REGION,
      playTimes: settings.TENCENT_VMS_PLAY_TIMES,
      endpoint: settings.TENCENT_VMS_ENDPOINT,
      timeoutMs,
      maxPerSecond: settings.TENCENT_VMS_MAX_PER_SECOND,
    }),
});
