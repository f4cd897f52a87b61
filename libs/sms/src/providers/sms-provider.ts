/** One message ready to go out, already rendered. */
export interface OutgoingSms {
  /** Our message id (a UUID); providers use it for idempotency where they can. */
  id: string;
  /** E.164, e.g. `+8613800138000`. */
  phone: string;
  /** ISO region of the phone (`CN`, `US`, ...). */
  region: string;
  /** The full text as the phone will show it: `【signature】content`. */
  content: string;
  purpose: string;
  /** The signature's text, without the brackets. */
  signature: string;
  /** The template's named variables with their values, in the order the template declares them. */
  variables: Array<[name: string, value: string]>;
  /** The template the content came from; absent for the built-in default template. */
  template?: {
    name: string;
    /** Ids the providers gave the template, by provider name (`tencent`, `aliyun`, ...). */
    providerTemplateIds: Record<string, string>;
  };
}

export interface SmsSendResult {
  /** The provider's id for the message, used to match delivery receipts. */
  providerMessageId?: string;
}

/**
 * A carrier gateway. Adapters throw `SmsProviderError` for any failure so the
 * sender can decide between failing over and giving up.
 */
export interface SmsProvider {
  readonly name: string;
  /**
   * The provider sends only templates it approved, by its own id
   * (`template.providerTemplateIds[name]`); a message without one is not tried here.
   */
  readonly requiresProviderTemplate?: boolean;
  send(sms: OutgoingSms, signal: AbortSignal): Promise<SmsSendResult>;
}

/**
 * How a provider failed:
 * - `transport`, `timeout`, `server`: another provider may succeed (fail over);
 * - `rejected`: another provider would refuse too (bad number, content, limits).
 */
export type SmsProviderFailureKind = 'transport' | 'timeout' | 'server' | 'rejected';

/** What a rejection means for the client, when it maps to one of our error codes. */
export type SmsRejectionReason =
  | 'phone_invalid'
  | 'too_frequent'
  | 'daily_limit'
  | 'signature_not_approved'
  | 'template_not_approved'
  | 'other';

export class SmsProviderError extends Error {
  constructor(
    readonly provider: string,
    readonly kind: SmsProviderFailureKind,
    /** The provider's own error code, kept in the delivery record. */
    readonly providerCode: string,
    message: string,
    readonly reason: SmsRejectionReason = 'other',
  ) {
    super(message);
    this.name = 'SmsProviderError';
  }

  get failsOver(): boolean {
    return this.kind !== 'rejected';
  }
}
