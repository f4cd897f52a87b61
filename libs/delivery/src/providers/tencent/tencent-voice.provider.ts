import { asRecord, parseJsonObject, postToProvider, stringField } from '../provider-http';
import type { ProviderHttpResponse } from '../provider-http';
import { refused, unknownOutcome } from '../sms-provider';
import type { OutgoingSms, SendOutcome, SmsProvider } from '../sms-provider';
import { numericCode } from '../voice-code';
import { signTc3 } from './tc3-signer';
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

const CONTENT_TYPE = 'application/json';
/** Always `vms`, also when the endpoint is an IP (the SDK would sign with its first label). */
const SIGNING_SERVICE = 'vms';

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
    const payload = JSON.stringify({
      CodeMessage: code,
      CalledNumber: sms.phone,
      VoiceSdkAppid: this.options.voiceSdkAppId,
      PlayTimes: this.options.playTimes,
      SessionContext: sms.id,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const { authorization } = signTc3(
      {
        host: this.url.hostname,
        contentType: CONTENT_TYPE,
        payload,
        timestamp,
        service: SIGNING_SERVICE,
      },
      this.options,
    );
    const result = await postToProvider(
      {
        url: this.url.href,
        headers: {
          'Content-Type': CONTENT_TYPE,
          'X-TC-Action': 'SendCodeVoice',
          'X-TC-Version': '2020-09-02',
          'X-TC-Region': this.options.region,
          'X-TC-Timestamp': String(timestamp),
          Authorization: authorization,
        },
        body: payload,
      },
      signal,
      this.options.timeoutMs,
    );
    return 'answered' in result ? readSendResult(result.answered) : result.failed;
  }
}

/**
 * An error answer (a 5xx, an `Error` code) is Tencent's word that it did not call. A 200 whose
 * body we cannot read, or without a `CallId`, may hide a placed call: its outcome is unknown.
 */
function readSendResult({ status, text }: ProviderHttpResponse): SendOutcome {
  const envelope = asRecord(parseJsonObject(text)?.Response);
  const error = asRecord(envelope?.Error);
  const errorCode = error && stringField(error, 'Code');
  if (status >= 500 || envelope === undefined) {
    if (errorCode === undefined && status < 300) {
      return unknownOutcome('InvalidResponse', `unreadable answer (HTTP ${status})`);
    }
    const code = errorCode ?? `HTTP_${status}`;
    return refused('other', 'provider', code, `unexpected answer (HTTP ${status})`);
  }
  if (errorCode !== undefined) {
    const { reason, scope, window } = classifyTencentVoiceErrorCode(errorCode);
    const message = (error && stringField(error, 'Message')) ?? errorCode;
    return refused(reason, scope, errorCode, message, window);
  }
  const sendStatus = asRecord(envelope.SendStatus);
  const callId = sendStatus && stringField(sendStatus, 'CallId');
  if (callId === undefined) return unknownOutcome('InvalidResponse', 'no SendStatus.CallId');
  return { status: 'accepted', providerMessageId: callId };
}
