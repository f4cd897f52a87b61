import { startAliyunVmsFake } from '../fakes/aliyun-vms.fake';
import type { AliyunVmsFake } from '../fakes/aliyun-vms.fake';
import { startTencentVmsFake } from '../fakes/tencent-vms.fake';
import type { TencentVmsFake } from '../fakes/tencent-vms.fake';

const TENCENT = { secretId: 'AKIDvoicecodes', secretKey: 'tencent-voice-secret' };
const VMS_APP_ID = '1400007777';
const ALIYUN = { accessKeyId: 'LTAIvoicecodes', accessKeySecret: 'aliyun-voice-secret' };
/** The approved voice-code TTS template of the Aliyun fake, reading `${code}`. */
export const ALIYUN_TTS_CODE = 'TTS_100001';

/** Both voice vendors' fakes, and the settings that call Tencent first, then Aliyun. */
export interface VoiceVendors {
  tencent: TencentVmsFake;
  aliyun: AliyunVmsFake;
  settings: Record<string, string>;
  close(): Promise<void>;
}

export async function startVoiceVendors(): Promise<VoiceVendors> {
  const tencent = await startTencentVmsFake({ ...TENCENT, voiceSdkAppId: VMS_APP_ID });
  const aliyun = await startAliyunVmsFake({
    ...ALIYUN,
    approvedTemplates: { [ALIYUN_TTS_CODE]: { variables: ['code'], voiceCode: true } },
  });
  return {
    tencent,
    aliyun,
    settings: {
      VOICE_PROVIDER: 'tencent,aliyun',
      TENCENT_SECRET_ID: TENCENT.secretId,
      TENCENT_SECRET_KEY: TENCENT.secretKey,
      TENCENT_VMS_SDK_APP_ID: VMS_APP_ID,
      TENCENT_VMS_ENDPOINT: tencent.url,
      ALIYUN_ACCESS_KEY_ID: ALIYUN.accessKeyId,
      ALIYUN_ACCESS_KEY_SECRET: ALIYUN.accessKeySecret,
      ALIYUN_VOICE_TTS_CODE: ALIYUN_TTS_CODE,
      ALIYUN_VOICE_ENDPOINT: aliyun.url,
    },
    close: async () => {
      await Promise.all([tencent.close(), aliyun.close()]);
    },
  };
}
