import { asRecord, stringField } from '../provider-http';
import type { ProviderHttpResponse } from '../provider-http';
import { refused, unknownOutcome } from '../sms-provider';
import type { OutgoingSms, SendOutcome, SmsProvider } from '../sms-provider';
import { numericCode } from '../voice-code';
import { postTencentApi, readTencentEnvelope } from './tencent-api-client';
import { classifyTencentVoiceErrorCode } from './tencent-voice-error-codes';

export const TENCENT_VMS_DEFAULT_ENDPOINT = 'https://vms.tencentcloudapi.com';

export interface TencentVoiceOptions {
  secretId: string;
  secretKey: string;
  /** `VoiceSdkAppid`, e.g. `1400006666`. */
  voiceSdkAppId: string;
  /** `X-TC-Region`, e.g. `ap-guangzhou`. */
  region: string;
  /** `PlayTimes`: 1 to 3. */
  playTimes: number;
  endpoint?: string;
  timeoutMs: number;
  /** `<PROVIDER>_MAX_PER_SECOND`; undefined, no limit. */
  maxPerSecond?: number;
}

/**
 * Tencent Cloud VMS, `SendCodeVoice` of API version 2020-09-02 (TC3-HMAC-SHA256, service `vms`).
 * It reads digits only, after its own "您的验证码是": the code goes as `CodeMessage`, with no
 * template (the text we render is kept in the record). Voice codes reach mainland China only.
 */
export class TencentVoiceProvider implements SmsProvider {
  readonly name = 'tencent';
  readonly channel = 'voice';
  readonly regions = ['CN'];
  readonly maxPerSecond?: number;
  private readonly url: URL;

  constructor(private readonly options: TencentVoiceOptions) {
    this.maxPerSecond = options.maxPerSecond;
    this.url = new URL('/', options.endpoint ?? TENCENT_VMS_DEFAULT_ENDPOINT);
  }

  async send(sms: OutgoingSms, signal: AbortSignal): Promise<SendOutcome> {
    const code = numericCode(sms);
    if (code === undefined) {
      return refused('other', 'message', 'NoCode', 'SendCodeVoice reads a numeric code only');
    }
    const result = await postTencentApi(
      {
        url: this.url,
        // Always `vms`, also when the endpoint is an IP (the SDK would sign its first label).
        service: 'vms',
        action: 'SendCodeVoice',
        version: '2020-09-02',
        region: this.options.region,
        body: {
          CodeMessage: code,
          CalledNumber: sms.phone,
          VoiceSdkAppid: this.options.voiceSdkAppId,
          PlayTimes: this.options.playTimes,
          SessionContext: sms.id,
        },
      },
      this.options,
      signal,
      this.options.timeoutMs,
    );
    return 'answered' in result ? readSendResult(result.answered) : result.failed;
  }
}

/**
 * An error answer is Tencent's word that it did not call (readTencentEnvelope). A 200 without
 * a `CallId` may hide a placed call: its outcome is unknown.
 */
function readSendResult(answer: ProviderHttpResponse): SendOutcome {
  const envelope = readTencentEnvelope(answer, classifyTencentVoiceErrorCode);
  if ('failed' in envelope) return envelope.failed;
  const sendStatus = asRecord(envelope.response.SendStatus);
  const callId = sendStatus && stringField(sendStatus, 'CallId');
  if (callId === undefined) return unknownOutcome('InvalidResponse', 'no SendStatus.CallId');
  return { status: 'accepted', providerMessageId: callId };
}
