import type { MessageChannel, SmsMessageStatus, SmsTemplateKind } from '@app/prisma';

/** How one try at one provider ended: `unknown` when its answer was lost. */
export type SmsAttemptStatus = 'sent' | 'failed' | 'unknown';

const ATTEMPT_STATUSES: ReadonlySet<unknown> = new Set<SmsAttemptStatus>([
  'sent',
  'failed',
  'unknown',
]);

/** One try at one provider. */
export interface SmsAttemptRecord {
  provider: string;
  providerMessageId?: string;
  status: SmsAttemptStatus;
  errorCode?: string;
  errorMessage?: string;
  latencyMs: number;
}

/** What is kept of one message: how it was made, and how sending it went. */
export interface SmsMessageRecord {
  id: string;
  phone: string;
  region: string;
  purpose: string;
  kind: SmsTemplateKind;
  /** What it went out on; `sms` when not given (every sender today). */
  channel?: MessageChannel;
  /** Managed template name and locale; absent for the built-in verification text. */
  templateName?: string;
  locale?: string;
  signature: string;
  /** The text as sent, with any code masked. */
  content: string;
  segments: number;
  clientIp?: string;
  /** A number of SMS_TEST_NUMBERS: nothing was sent. */
  testNumber: boolean;
  /** The provider that sent it, or the last one tried. */
  provider: string;
  providerMessageId?: string;
  status: SmsMessageStatus;
  errorCode?: string;
  errorMessage?: string;
  attempts: SmsAttemptRecord[];
  /** The campaign it was sent for; absent for codes and single notifications. */
  campaignId?: string;
}

/** Reads the `attempts` JSON column back, dropping anything that is not an attempt. */
export function readAttempts(value: unknown): SmsAttemptRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is SmsAttemptRecord =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as SmsAttemptRecord).provider === 'string' &&
      ATTEMPT_STATUSES.has((item as SmsAttemptRecord).status) &&
      typeof (item as SmsAttemptRecord).latencyMs === 'number',
  );
}
