import type { OutgoingSms } from '../providers/sms-provider';
import type { SmsMessageRecord } from '../records/sms-message-record';
import type { SendRecordContext } from '../sending/sms-sender.service';

/**
 * The jobs of the `messages` queue. Every outgoing message is one of them before any provider
 * is called, and its record in PostgreSQL is written from one of them:
 *
 * - `code`: a verification code's durable copy. The API dispatches the code at once, inside
 *   the request; the job is delayed by the longest that dispatch can take, so it runs only when
 *   the process died before writing the outcome: a worker then sends the code if it is still
 *   live (the user may get it twice) or records it `expired`.
 * - `record`: the outcome of a dispatch, to write to PostgreSQL. Writing it removes the `code`
 *   job it settles.
 * - `notification`: a notification or marketing message, sent by a worker, retried with
 *   backoff while a retry may pass; never sent again once a provider may have taken it.
 * - `conversion`: a verified code to tell back to the provider that sent it (conversions/),
 *   queued after the verify answer, retried with backoff a bounded number of times.
 */
export const MESSAGE_JOBS = {
  code: 'code',
  record: 'record',
  notification: 'notification',
  conversion: 'conversion',
} as const;

export interface ConversionJobData {
  messageId: string;
  /** When its code was verified (epoch ms). */
  verifiedAt: number;
}

export interface CodeJobData {
  sms: OutgoingSms;
  context: SendRecordContext;
  /** When the code dies (epoch ms): a code job taken up later is recorded `expired`. */
  expiresAt: number;
  queuedAt: number;
}

export interface RecordJobData {
  record: SmsMessageRecord;
  /** When the message was made (its code or notification job's `queuedAt`): the record's `createdAt`. */
  sentAt: number;
}

export interface NotificationJobData {
  sms: OutgoingSms;
  context: SendRecordContext;
  queuedAt: number;
  /** A marketing message's signature: checked against the opt-out list before each try. */
  marketingSignatureId?: string;
  /**
   * Set before a provider is called. A notification job found with it and no outcome was in
   * flight when its worker died: the provider may have taken it, so it is recorded `unknown`
   * and not sent again (a paid message is never sent twice).
   */
  inFlight?: { provider: string; at: number };
}

// Job ids by message id (BullMQ ids may not hold a colon). A notification's job is the
// message id itself: the admin's retry finds it by that.

export function recordJobId(messageId: string): string {
  return `record-${messageId}`;
}

/** One report per message, however many times it is queued. */
export function conversionJobId(messageId: string): string {
  return `conversion-${messageId}`;
}

export function codeJobId(messageId: string): string {
  return `code-${messageId}`;
}
