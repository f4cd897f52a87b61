import type { SmsMessageStatus, SmsTemplateKind } from '@app/prisma';

/** One try at one provider. */
export interface SmsAttemptRecord {
  provider: string;
  providerMessageId?: string;
  status: 'sent' | 'failed';
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
}

/** Reads the `attempts` JSON column back, dropping anything that is not an attempt. */
export function readAttempts(value: unknown): SmsAttemptRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is SmsAttemptRecord =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as SmsAttemptRecord).provider === 'string' &&
      ((item as SmsAttemptRecord).status === 'sent' ||
        (item as SmsAttemptRecord).status === 'failed') &&
      typeof (item as SmsAttemptRecord).latencyMs === 'number',
  );
}
