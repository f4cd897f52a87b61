import { stringField } from '../provider-http';
import type { ProviderHttpResponse } from '../provider-http';
import { refused, unknownOutcome } from '../sms-provider';
import type { OutgoingSms, SendOutcome, SmsProvider } from '../sms-provider';
import { numericCode } from '../voice-code';
import { postAliyunApi, readAliyunAnswer } from './aliyun-api-client';
import { toAliyunPhoneNumber } from './aliyun-sms.provider';
import { classifyAliyunVoiceErrorCode } from './aliyun-voice-error-codes';

export const ALIYUN_VMS_DEFAULT_ENDPOINT = 'https://dyvmsapi.aliyuncs.com';

export interface AliyunVoiceOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** The approved voice-code TTS template, e.g. `TTS_100001`. */
  ttsCode: string;
  /** The template variable the code fills. */
  ttsParam: string;
  /** The caller number of the dedicated mode; undefined in the common mode. */
  calledShowNumber?: string;
  /** `PlayTimes`: 1 to 3. */
  playTimes: number;
  endpoint?: string;
  timeoutMs: number;
  /** `<PROVIDER>_MAX_PER_SECOND`; undefined, no limit. */
  maxPerSecond?: number;
}

/** `OutId` takes 1 to 15 bytes (SingleCallByTtsRequest): a prefix of our message id. */
const OUT_ID_LENGTH = 15;

/**
 * Alibaba Cloud VMS, `SingleCallByTts` of Dyvmsapi 2017-05-25, signed with ACS3-HMAC-SHA256:
 * a call that reads an approved TTS template, the code in `TtsParam`. The template is the voice
 * template's own Aliyun id when it has one, else ALIYUN_VOICE_TTS_CODE. Voice codes outside
 * the mainland were discontinued in 2022: it calls CN only.
 */
export class AliyunVoiceProvider implements SmsProvider {
  readonly name = 'aliyun';
  readonly channel = 'voice';
  readonly regions = ['CN'];
  readonly maxPerSecond?: number;
  private readonly url: URL;

  constructor(private readonly options: AliyunVoiceOptions) {
    this.maxPerSecond = options.maxPerSecond;
    this.url = new URL('/', options.endpoint ?? ALIYUN_VMS_DEFAULT_ENDPOINT);
  }

  async send(sms: OutgoingSms, signal: AbortSignal): Promise<SendOutcome> {
    const code = numericCode(sms);
    if (code === undefined) {
      return refused(
        'other',
        'message',
        'NoCode',
        'a voice-code template reads a numeric code only',
      );
    }
    const query: Record<string, string> = {
      CalledNumber: toAliyunPhoneNumber(sms.phone),
      TtsCode: sms.template?.providerTemplateIds[this.name] ?? this.options.ttsCode,
      TtsParam: JSON.stringify({ [this.options.ttsParam]: code }),
      PlayTimes: String(this.options.playTimes),
      OutId: sms.id.replaceAll('-', '').slice(0, OUT_ID_LENGTH),
    };
    if (this.options.calledShowNumber !== undefined) {
      query.CalledShowNumber = this.options.calledShowNumber;
    }
    const result = await postAliyunApi(
      { url: this.url, action: 'SingleCallByTts', version: '2017-05-25', query },
      this.options,
      signal,
      this.options.timeoutMs,
    );
    return 'answered' in result ? readCallResult(result.answered) : result.failed;
  }
}

/**
 * An error answer is Aliyun's word that it did not call (readAliyunAnswer). A 2xx without a
 * `CallId` may hide a placed call: its outcome is unknown.
 */
function readCallResult(answer: ProviderHttpResponse): SendOutcome {
  const read = readAliyunAnswer(answer, classifyAliyunVoiceErrorCode);
  if ('failed' in read) return read.failed;
  const callId = stringField(read.body, 'CallId');
  if (callId === undefined) return unknownOutcome('InvalidResponse', 'no CallId');
  return { status: 'accepted', providerMessageId: callId };
}
