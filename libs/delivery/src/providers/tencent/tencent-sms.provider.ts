import { asRecord, parseJsonObject, postToProvider, stringField } from '../provider-http';
import type { ProviderHttpResponse } from '../provider-http';
import { refused, unknownOutcome } from '../sms-provider';
import type { OutgoingSms, SendOutcome, SendRefused, SmsProvider } from '../sms-provider';
import { classifyTencentErrorCode } from './tencent-error-codes';
import { signTc3 } from './tc3-signer';

export const TENCENT_SMS_DEFAULT_ENDPOINT = 'https://sms.tencentcloudapi.com';

export interface TencentSmsOptions {
  secretId: string;
  secretKey: string;
  /** `SmsSdkAppId`, e.g. `1400006666`. */
  sdkAppId: string;
  /** `X-TC-Region`, e.g. `ap-guangzhou`. */
  region: string;
  endpoint?: string;
  timeoutMs: number;
  /** `<PROVIDER>_MAX_PER_SECOND`; undefined, no limit. */
  maxPerSecond?: number;
}

const CONTENT_TYPE = 'application/json';
/** Always `sms`, also when the endpoint is an IP (the SDK would sign with its first label). */
const SIGNING_SERVICE = 'sms';

/** Tencent Cloud SMS, `SendSms` of API version 2021-01-11, signed with TC3-HMAC-SHA256. */
export class TencentSmsProvider implements SmsProvider {
  readonly name = 'tencent';
  readonly channel = 'sms';
  readonly maxPerSecond?: number;
  readonly requiresProviderTemplate = true;
  private readonly url: URL;

  constructor(private readonly options: TencentSmsOptions) {
    this.maxPerSecond = options.maxPerSecond;
    this.url = new URL('/', options.endpoint ?? TENCENT_SMS_DEFAULT_ENDPOINT);
  }

  async send(sms: OutgoingSms, signal: AbortSignal): Promise<SendOutcome> {
    const templateId = sms.template?.providerTemplateIds[this.name];
    if (templateId === undefined) {
      return refused(
        'template_not_approved',
        'provider',
        'MissingTemplateId',
        `template ${sms.template?.name ?? '(default)'} has no Tencent template id`,
      );
    }
    const payload = JSON.stringify(this.sendSmsBody(sms, templateId));
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
          'X-TC-Action': 'SendSms',
          'X-TC-Version': '2021-01-11',
          'X-TC-Region': this.options.region,
          'X-TC-Timestamp': String(timestamp),
          Authorization: authorization,
        },
        body: payload,
      },
      signal,
      this.options.timeoutMs,
    );
    return 'answered' in result ? this.readSendResult(result.answered) : result.failed;
  }

  private sendSmsBody(sms: OutgoingSms, templateId: string): Record<string, unknown> {
    return {
      PhoneNumberSet: [sms.phone],
      SmsSdkAppId: this.options.sdkAppId,
      SignName: sms.signature,
      TemplateId: templateId,
      // Tencent templates are positional ({1}, {2}, …) in the order our template declares.
      TemplateParamSet: sms.variables.map(([, value]) => value),
      SessionContext: sms.id,
    };
  }

  /**
   * An error answer (a 5xx, an `Error` code) is Tencent's word that it did not send. A 200
   * whose body we cannot read may hide an accepted message: its outcome is unknown.
   */
  private readSendResult({ status, text }: ProviderHttpResponse): SendOutcome {
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
      return this.refusalFor(errorCode, error && stringField(error, 'Message'));
    }

    const sendStatus = Array.isArray(envelope.SendStatusSet)
      ? asRecord(envelope.SendStatusSet[0])
      : undefined;
    const sendCode = sendStatus && stringField(sendStatus, 'Code');
    if (sendStatus === undefined || sendCode === undefined) {
      return unknownOutcome('InvalidResponse', 'no SendStatusSet entry');
    }
    if (sendCode !== 'Ok') {
      return this.refusalFor(sendCode, stringField(sendStatus, 'Message'));
    }
    return { status: 'accepted', providerMessageId: stringField(sendStatus, 'SerialNo') };
  }

  private refusalFor(code: string, message: string | undefined): SendRefused {
    const { reason, scope, window } = classifyTencentErrorCode(code);
    return refused(reason, scope, code, message ?? code, window);
  }
}
