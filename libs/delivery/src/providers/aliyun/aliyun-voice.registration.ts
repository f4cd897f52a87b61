import { defineProvider } from '../provider-definition';
import { AliyunVoiceProvider } from './aliyun-voice.provider';
import { AliyunVoiceSettings } from './aliyun-voice.settings';
import { AliyunSettings } from './aliyun.settings';

// The schemas require the template and the AccessKey while the provider is named, hence `?? ''`
// never applies.
export const aliyunVoiceProvider = defineProvider({
  name: 'aliyun',
  settings: AliyunVoiceSettings,
  account: AliyunSettings,
  create: (settings, { timeoutMs }, account) =>
    new AliyunVoiceProvider({
      accessKeyId: account.ALIYUN_ACCESS_KEY_ID ?? '',
      accessKeySecret: account.ALIYUN_ACCESS_KEY_SECRET ?? '',
      ttsCode: settings.ALIYUN_VOICE_TTS_CODE ?? '',
      ttsParam: settings.ALIYUN_VOICE_TTS_PARAM,
      calledShowNumber: settings.ALIYUN_VOICE_CALLED_SHOW_NUMBER,
      playTimes: settings.ALIYUN_VOICE_PLAY_TIMES,
      endpoint: settings.ALIYUN_VOICE_ENDPOINT,
      timeoutMs,
      maxPerSecond: settings.ALIYUN_VOICE_MAX_PER_SECOND,
    }),
});
