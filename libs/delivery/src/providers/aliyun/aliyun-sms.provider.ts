import { randomBytes } from 'node:crypto';
import { parseJsonObject, postToProvider, stringField } from '../provider-http';
import type { ProviderHttpResponse } from '../provider-http';
import { refused, unknownOutcome } from '../sms-provider';
import type { OutgoingSms, SendOutcome, SmsProvider } from '../sms-provider';
import { canonicalQueryString, sha256Hex, signAcs3 } from './acs3-signer';
import { classifyAliyunErrorCode } from './aliyun-error-codes';

export const ALIYUN_SMS_DEFAULT_ENDPOINT = 'https://dysmsapi.aliyuncs.com';

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  endpoint?: string;
  timeoutMs: number;
  /** `<PROVIDER>_MAX_PER_SECOND`; undefined, no limit. */
  maxPerSecond?: number;
}

const EMPTY_BODY_SHA256 = sha256Hex('');

/** Alibaba Cloud SMS, `SendSms` of Dysmsapi 2017-05-25, signed with ACS3-HMAC-SHA256. */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  readonly channel = 'sms';
  readonly maxPerSecond?: number;
  readonly requiresProviderTemplate = true;
  private readonly url: URL;

  constructor(private readonly options: AliyunSmsOptions) {
    this.maxPerSecond = options.maxPerSecond;
    this.url = new URL('/', options.endpoint ?? ALIYUN_SMS_DEFAULT_ENDPOINT);
  }

  async send(sms: OutgoingSms, signal: AbortSignal): Promise<SendOutcome> {
    const templateCode = sms.template?.providerTemplateIds[this.name];
    if (templateCode === undefined) {
      return refused(
        'template_not_approved',
        'provider',
        'MissingTemplateId',
        `template ${sms.template?.name ?? '(default)'} has no Aliyun template code`,
      );
    }
    const query = this.sendSmsQuery(sms, templateCode);
    const url = new URL(this.url);
    // The same strict encoding as the signature, so the server decodes what was signed.
    url.search = canonicalQueryString(query);
    const headers: Record<string, string> = {
      'x-acs-action': 'SendSms',
      'x-acs-version': '2017-05-25',
      'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'x-acs-signature-nonce': randomBytes(16).toString('hex'),
      'x-acs-content-sha256': EMPTY_BODY_SHA256,
    };
    // fetch sends the URL's host (port included) as the Host header: sign exactly that.
    const { authorization } = signAcs3(
      { method: 'POST', pathname: url.pathname, query, headers: { ...headers, host: url.host } },
      this.options,
    );
    const result = await postToProvider(
      { url: url.href, headers: { ...headers, accept: 'application/json', authorization } },
      signal,
      this.options.timeoutMs,
    );
    return 'answered' in result ? this.readSendResult(result.answered) : result.failed;
  }

  private sendSmsQuery(sms: OutgoingSms, templateCode: string): Record<string, string> {
    const query: Record<string, string> = {
      PhoneNumbers: toAliyunPhoneNumber(sms.phone),
      SignName: sms.signature,
      TemplateCode: templateCode,
      OutId: sms.id,
    };
    if (sms.variables.length > 0) {
      query.TemplateParam = JSON.stringify(Object.fromEntries(sms.variables));
    }
    return query;
  }

  /**
   * An error answer (a 5xx, a `Code` other than `OK`) is Aliyun's word that it did not send.
   * A 2xx whose body we cannot read may hide an accepted message: its outcome is unknown.
   */
  private readSendResult({ status, text }: ProviderHttpResponse): SendOutcome {
    const body = parseJsonObject(text) ?? {};
    const code = stringField(body, 'Code');
    if (code === undefined && status < 300) {
      return unknownOutcome('InvalidResponse', `unreadable answer (HTTP ${status})`);
    }
    if (status >= 500 || code === undefined) {
      return refused(
        'other',
        'provider',
        code ?? `HTTP_${status}`,
        `unexpected answer (HTTP ${status})`,
      );
    }
    if (status !== 200 || code !== 'OK') {
      const message = stringField(body, 'Message') ?? code;
      const { reason, scope, window } = classifyAliyunErrorCode(code, message);
      return refused(reason, scope, code, message, window);
    }
    return { status: 'accepted', providerMessageId: stringField(body, 'BizId') };
  }
}

/**
 * Mainland numbers go as the 11-digit national number, others as country code + number
 * without `+` (Dysmsapi `PhoneNumbers`). Country codes are prefix-free, so `+86` is China.
 */
export function toAliyunPhoneNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '');
}
