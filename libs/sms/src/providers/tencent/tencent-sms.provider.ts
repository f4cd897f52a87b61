import { asRecord, parseJsonObject, postToProvider, stringField } from '../provider-http';
import type { ProviderHttpResponse } from '../provider-http';
import { SmsProviderError } from '../sms-provider';
import type { OutgoingSms, SmsProvider, SmsSendResult } from '../sms-provider';
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
}

const CONTENT_TYPE = 'application/json';
/** Always `sms`, also when the endpoint is an IP (the SDK would sign with its first label). */
const SIGNING_SERVICE = 'sms';

/** Tencent Cloud SMS, `SendSms` of API version 2021-01-11, signed with TC3-HMAC-SHA256. */
export class TencentSmsProvider implements SmsProvider {
  readonly name = 'tencent';
  readonly requiresProviderTemplate = true;
  private readonly url: URL;

  constructor(private readonly options: TencentSmsOptions) {
    this.url = new URL('/', options.endpoint ?? TENCENT_SMS_DEFAULT_ENDPOINT);
  }

  async send(sms: OutgoingSms, signal: AbortSignal): Promise<SmsSendResult> {
    const payload = JSON.stringify(this.sendSmsBody(sms));
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
    const response = await postToProvider(
      this.name,
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
    return this.readSendResult(response);
  }

  private sendSmsBody(sms: OutgoingSms): Record<string, unknown> {
    const templateId = sms.template?.providerTemplateIds[this.name];
    if (templateId === undefined) {
      throw new SmsProviderError(
        this.name,
        'rejected',
        'MissingTemplateId',
        `template ${sms.template?.name ?? '(default)'} has no Tencent template id`,
        'template_not_approved',
      );
    }
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

  private readSendResult({ status, text }: ProviderHttpResponse): SmsSendResult {
    const envelope = asRecord(parseJsonObject(text)?.Response);
    const error = asRecord(envelope?.Error);
    const errorCode = error && stringField(error, 'Code');
    if (status >= 500 || envelope === undefined) {
      const code = errorCode ?? (status === 200 ? 'InvalidResponse' : `HTTP_${status}`);
      throw new SmsProviderError(this.name, 'server', code, `unexpected answer (HTTP ${status})`);
    }
    if (errorCode !== undefined) {
      throw this.errorFor(errorCode, error && stringField(error, 'Message'));
    }

    const sendStatus = Array.isArray(envelope.SendStatusSet)
      ? asRecord(envelope.SendStatusSet[0])
      : undefined;
    const sendCode = sendStatus && stringField(sendStatus, 'Code');
    if (sendStatus === undefined || sendCode === undefined) {
      throw new SmsProviderError(this.name, 'server', 'InvalidResponse', 'no SendStatusSet entry');
    }
    if (sendCode !== 'Ok') {
      throw this.errorFor(sendCode, stringField(sendStatus, 'Message'));
    }
    return { providerMessageId: stringField(sendStatus, 'SerialNo') };
  }

  private errorFor(code: string, message: string | undefined): SmsProviderError {
    const { kind, reason } = classifyTencentErrorCode(code);
    return new SmsProviderError(this.name, kind, code, message ?? code, reason);
  }
}
