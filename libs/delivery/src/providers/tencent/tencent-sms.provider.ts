import { asRecord, stringField } from '../provider-http';
import type { ProviderHttpResponse } from '../provider-http';
import { assertBatchFits } from '../batch-rules';
import { refused, unknownOutcome } from '../sms-provider';
import type { OutgoingSms, SendOutcome, SmsBatchCapability, SmsProvider } from '../sms-provider';
import { postTencentApi, readTencentEnvelope, tencentRefusal } from './tencent-api-client';
import { classifyTencentErrorCode } from './tencent-error-codes';

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

/** Tencent's `PhoneNumberSet` takes at most 200 numbers, all sent the same content. */
export const TENCENT_SMS_BATCH: SmsBatchCapability = { maxRecipients: 200, sameVariables: true };

/**
 * Tencent Cloud SMS, `SendSms` of API version 2021-01-11, signed with TC3-HMAC-SHA256 (service
 * `sms`): one number per request, or up to 200 with the same content in one (`sendBatch`).
 */
export class TencentSmsProvider implements SmsProvider {
  readonly name = 'tencent';
  readonly channel = 'sms';
  readonly maxPerSecond?: number;
  readonly requiresProviderTemplate = true;
  readonly batch = TENCENT_SMS_BATCH;
  private readonly url: URL;

  constructor(private readonly options: TencentSmsOptions) {
    this.maxPerSecond = options.maxPerSecond;
    this.url = new URL('/', options.endpoint ?? TENCENT_SMS_DEFAULT_ENDPOINT);
  }

  async send(sms: OutgoingSms, signal: AbortSignal): Promise<SendOutcome> {
    const [outcome] = await this.sendSms([sms], signal);
    return outcome;
  }

  async sendBatch(messages: readonly OutgoingSms[], signal: AbortSignal): Promise<SendOutcome[]> {
    assertBatchFits(messages, this.batch, this.name);
    return await this.sendSms(messages, signal);
  }

  /** One SendSms for `messages`, which share their template, signature and variables. */
  private async sendSms(
    messages: readonly OutgoingSms[],
    signal: AbortSignal,
  ): Promise<SendOutcome[]> {
    const [first] = messages;
    const templateId = first.template?.providerTemplateIds[this.name];
    if (templateId === undefined) {
      const outcome = refused(
        'template_not_approved',
        'provider',
        'MissingTemplateId',
        `template ${first.template?.name ?? '(default)'} has no Tencent template id`,
      );
      return messages.map(() => outcome);
    }
    const result = await postTencentApi(
      {
        url: this.url,
        service: 'sms',
        action: 'SendSms',
        version: '2021-01-11',
        region: this.options.region,
        body: {
          PhoneNumberSet: messages.map((sms) => sms.phone),
          SmsSdkAppId: this.options.sdkAppId,
          SignName: first.signature,
          TemplateId: templateId,
          // Tencent templates are positional ({1}, {2}, …) in the order our template declares.
          TemplateParamSet: first.variables.map(([, value]) => value),
          // One context per request: it names a message only when the request carries one.
          ...(messages.length === 1 ? { SessionContext: first.id } : {}),
        },
      },
      this.options,
      signal,
      this.options.timeoutMs,
    );
    if ('failed' in result) return messages.map(() => result.failed);
    return this.readSendResult(result.answered, messages);
  }

  private readSendResult(
    answer: ProviderHttpResponse,
    messages: readonly OutgoingSms[],
  ): SendOutcome[] {
    const envelope = readTencentEnvelope(answer, classifyTencentErrorCode);
    if ('failed' in envelope) return messages.map(() => envelope.failed);
    const statuses = Array.isArray(envelope.response.SendStatusSet)
      ? envelope.response.SendStatusSet.map(asRecord)
      : [];
    return matchStatuses(messages, statuses).map((status) => outcomeOf(status));
  }
}

/**
 * Pairs each message with its `SendStatusSet` entry. Their order is not documented, so an entry
 * goes to the message of its `PhoneNumber` (E.164, as sent); entries whose number matches none
 * (a number Tencent wrote otherwise) go in order to the messages left.
 */
function matchStatuses(
  messages: readonly OutgoingSms[],
  statuses: ReadonlyArray<Record<string, unknown> | undefined>,
): Array<Record<string, unknown> | undefined> {
  const matched: Array<Record<string, unknown> | undefined> = messages.map(() => undefined);
  const unmatched: Array<Record<string, unknown>> = [];
  for (const status of statuses) {
    if (status === undefined) continue;
    const phone = stringField(status, 'PhoneNumber');
    const index = messages.findIndex((sms, i) => matched[i] === undefined && sms.phone === phone);
    if (index === -1) unmatched.push(status);
    else matched[index] = status;
  }
  return matched.map((status) => status ?? unmatched.shift());
}

function outcomeOf(status: Record<string, unknown> | undefined): SendOutcome {
  const code = status && stringField(status, 'Code');
  if (status === undefined || code === undefined) {
    return unknownOutcome('InvalidResponse', 'no SendStatusSet entry');
  }
  if (code !== 'Ok') {
    return tencentRefusal(code, stringField(status, 'Message'), classifyTencentErrorCode);
  }
  return { status: 'accepted', providerMessageId: stringField(status, 'SerialNo') };
}
