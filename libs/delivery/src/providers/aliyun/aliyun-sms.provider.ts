import { stringField } from '../provider-http';
import type { ProviderHttpResult } from '../provider-http';
import { assertBatchFits } from '../batch-rules';
import { refused } from '../sms-provider';
import type { OutgoingSms, SendOutcome, SmsBatchCapability, SmsProvider } from '../sms-provider';
import { postAliyunApi, readAliyunAnswer } from './aliyun-api-client';
import type { AliyunApiCall } from './aliyun-api-client';
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

/**
 * SendBatchSms takes at most 100 numbers (the Dysmsapi 2017-05-25 model), one template, and a
 * signature and variables per number.
 */
export const ALIYUN_SMS_BATCH: SmsBatchCapability = { maxRecipients: 100, sameVariables: false };

const VERSION = '2017-05-25';

/**
 * Alibaba Cloud SMS, Dysmsapi 2017-05-25 signed with ACS3-HMAC-SHA256: `SendSms` for one
 * message, `SendBatchSms` for a batch (its arrays in a form body, as the SDK sends them).
 */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  readonly channel = 'sms';
  readonly maxPerSecond?: number;
  readonly requiresProviderTemplate = true;
  readonly batch = ALIYUN_SMS_BATCH;
  private readonly url: URL;

  constructor(private readonly options: AliyunSmsOptions) {
    this.maxPerSecond = options.maxPerSecond;
    this.url = new URL('/', options.endpoint ?? ALIYUN_SMS_DEFAULT_ENDPOINT);
  }

  async send(sms: OutgoingSms, signal: AbortSignal): Promise<SendOutcome> {
    const templateCode = sms.template?.providerTemplateIds[this.name];
    if (templateCode === undefined) return missingTemplate(sms);
    const query: Record<string, string> = {
      PhoneNumbers: toAliyunPhoneNumber(sms.phone),
      SignName: sms.signature,
      TemplateCode: templateCode,
      OutId: sms.id,
    };
    if (sms.variables.length > 0) {
      query.TemplateParam = JSON.stringify(Object.fromEntries(sms.variables));
    }
    const [outcome] = await this.call(
      { url: this.url, action: 'SendSms', version: VERSION, query },
      1,
      signal,
    );
    return outcome;
  }

  /**
   * One SendBatchSms. Its answer has one `Code` and one `BizId` for the whole batch: a refusal
   * (an illegal number among them included) is every message's, and each accepted message gets
   * the batch's BizId (Aliyun's receipts tell the numbers apart by `phone_number`).
   */
  async sendBatch(messages: readonly OutgoingSms[], signal: AbortSignal): Promise<SendOutcome[]> {
    assertBatchFits(messages, this.batch, this.name);
    const [first] = messages;
    const templateCode = first.template?.providerTemplateIds[this.name];
    if (templateCode === undefined) return messages.map(() => missingTemplate(first));
    const form: Record<string, string> = {
      PhoneNumberJson: JSON.stringify(messages.map((sms) => toAliyunPhoneNumber(sms.phone))),
      SignNameJson: JSON.stringify(messages.map((sms) => sms.signature)),
    };
    if (first.variables.length > 0) {
      form.TemplateParamJson = JSON.stringify(
        messages.map((sms) => Object.fromEntries(sms.variables)),
      );
    }
    return this.call(
      {
        url: this.url,
        action: 'SendBatchSms',
        version: VERSION,
        query: { TemplateCode: templateCode },
        form,
      },
      messages.length,
      signal,
    );
  }

  /** `count` copies of the request's outcome: Aliyun answers for the request as a whole. */
  private async call(
    call: AliyunApiCall,
    count: number,
    signal: AbortSignal,
  ): Promise<SendOutcome[]> {
    const result: ProviderHttpResult = await postAliyunApi(
      call,
      this.options,
      signal,
      this.options.timeoutMs,
    );
    const outcome = outcomeOf(result);
    return Array.from({ length: count }, () => outcome);
  }
}

function outcomeOf(result: ProviderHttpResult): SendOutcome {
  if ('failed' in result) return result.failed;
  const answer = readAliyunAnswer(result.answered, classifyAliyunErrorCode);
  if ('failed' in answer) return answer.failed;
  return { status: 'accepted', providerMessageId: stringField(answer.body, 'BizId') };
}

function missingTemplate(sms: OutgoingSms): SendOutcome {
  return refused(
    'template_not_approved',
    'provider',
    'MissingTemplateId',
    `template ${sms.template?.name ?? '(default)'} has no Aliyun template code`,
  );
}

/**
 * Mainland numbers go as the 11-digit national number, others as country code + number
 * without `+` (Dysmsapi `PhoneNumbers`). Country codes are prefix-free, so `+86` is China.
 */
export function toAliyunPhoneNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '');
}
