import type { MessageChannel } from '../channels/channel';
import type { ConversionReport, ConversionOutcome } from './conversion-report';

/** One message ready to go out, already rendered. */
export interface OutgoingSms {
  /** Our message id (a UUID); providers use it for idempotency where they can. */
  id: string;
  /** E.164, e.g. `+8613800138000`. */
  phone: string;
  /** ISO region of the phone (`CN`, `US`, ...). */
  region: string;
  /** The full text as the recipient gets it: `【signature】content`, or the words a call reads. */
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

/** Why a provider refused a message: a closed set, so the sender and the client error agree. */
export type RefusalReason =
  | 'invalid_number'
  | 'rate_limited'
  | 'template_not_approved'
  | 'signature_not_approved'
  | 'authentication_failed'
  | 'balance_or_account'
  | 'other';

/**
 * Whose matter a refusal is:
 * - `provider`: this provider's own state (our credentials, balance or account there, its
 *   approval of a template, its rate limit on our account, a fault on its side): another
 *   provider would not repeat it;
 * - `message`: the number, the content or the phone's own limits: any provider would.
 */
export type RefusalScope = 'provider' | 'message';

/** The provider took the message. */
export interface SendAccepted {
  status: 'accepted';
  /** The provider's id for the message, used to match delivery receipts. */
  providerMessageId?: string;
}

/** The provider answered that it will not send the message: it was not sent. */
export interface SendRefused {
  status: 'refused';
  reason: RefusalReason;
  scope: RefusalScope;
  /** For a per-number rate limit: the window that was hit, to tell the client when to retry. */
  window?: 'short' | 'daily';
  /** The provider's own error code, kept in the delivery record. */
  providerCode: string;
  message: string;
}

/** How a provider code refuses a send, before the code and message are added. */
export type RefusalClass = Pick<SendRefused, 'reason' | 'scope' | 'window'>;

/**
 * The request never reached the provider (connection refused, DNS, TLS before anything was
 * written): it was not sent, and another provider may be tried.
 */
export interface SendUnreached {
  status: 'unreached';
  providerCode: string;
  message: string;
}

/**
 * The request may have reached the provider but its answer was lost (a timeout, a connection
 * reset after the request was written): the message may or may not go out.
 */
export interface SendUnknown {
  status: 'unknown';
  providerCode: string;
  message: string;
}

/** What one provider's send came to. Adapters return it; they throw only for programming errors. */
export type SendOutcome = SendAccepted | SendRefused | SendUnreached | SendUnknown;

/** A send that did not end accepted. */
export type SendFailure = SendRefused | SendUnreached | SendUnknown;

/** A carrier gateway. */
export interface SmsProvider {
  readonly name: string;
  /** What it delivers: `sms` (the SMS registry's providers) or `voice` (a call that reads it). */
  readonly channel: MessageChannel;
  /**
   * The ISO regions it can deliver to (Tencent's and Aliyun's voice codes: `CN`); undefined,
   * every region. A router skips it for a phone elsewhere.
   */
  readonly regions?: readonly string[];
  /**
   * The provider sends only templates it approved, by its own id
   * (`template.providerTemplateIds[name]`); a message without one is not tried here.
   */
  readonly requiresProviderTemplate?: boolean;
  /**
   * The most messages per second this provider may be sent, across all processes
   * (`<PROVIDER>_MAX_PER_SECOND`); undefined, no limit. ProviderSendRates holds it.
   */
  readonly maxPerSecond?: number;
  /**
   * The provider takes several messages in one request (`sendBatch`); undefined, one request per
   * message. A caller groups at most `maxRecipients` messages per call; with `sameVariables`, the
   * provider sends one content to every number, so only messages with the same template,
   * signature and variables may share a call (Tencent's multi-number SendSms), otherwise each
   * number brings its own variables (Aliyun's SendBatchSms).
   */
  readonly batch?: SmsBatchCapability;
  send(sms: OutgoingSms, signal: AbortSignal): Promise<SendOutcome>;
  /**
   * Sends `messages` (1..`batch.maxRecipients` of them, every one sendable here, under the
   * `sameVariables` rule) in one request. Returns one outcome per message, in the same order: a
   * failure of the whole request (unreached, unknown, a refusal of the request) is the same
   * outcome for each; a refusal of one number maps through the adapter's error-code table as a
   * single send's would. Present exactly when `batch` is.
   */
  sendBatch?(messages: readonly OutgoingSms[], signal: AbortSignal): Promise<SendOutcome[]>;
  /**
   * Present when this provider takes conversion reports (a verified code told back, so its own
   * fraud systems learn) and the operator turned them on (`<PROVIDER>_SMS_REPORT_CONVERSION`).
   */
  reportConversion?(report: ConversionReport, signal: AbortSignal): Promise<ConversionOutcome>;
}

/** What a provider's batch request takes: see {@link SmsProvider.batch}. */
export interface SmsBatchCapability {
  /** The most numbers one request carries (Tencent 200, Aliyun 100). */
  readonly maxRecipients: number;
  /** Every number of a request gets the same variables (the same content). */
  readonly sameVariables: boolean;
}

export function refused(
  reason: RefusalReason,
  scope: RefusalScope,
  providerCode: string,
  message: string,
  window?: SendRefused['window'],
): SendRefused {
  return window === undefined
    ? { status: 'refused', reason, scope, providerCode, message }
    : { status: 'refused', reason, scope, window, providerCode, message };
}

export function unknownOutcome(providerCode: string, message: string): SendUnknown {
  return { status: 'unknown', providerCode, message };
}

export function unreached(providerCode: string, message: string): SendUnreached {
  return { status: 'unreached', providerCode, message };
}
