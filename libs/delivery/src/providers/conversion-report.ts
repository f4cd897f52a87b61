import type { SendFailure } from './sms-provider';

/** A verified message, told back to the provider that sent it so its fraud systems learn. */
export interface ConversionReport {
  /** The provider's id of the message (Tencent `SerialNo`, Aliyun `BizId`). */
  providerMessageId: string;
  /** ISO region of the phone: Aliyun takes reports for international messages only. */
  region: string;
  sentAt: Date;
  verifiedAt: Date;
}

/**
 * - `reported`: the provider took it;
 * - `not_taken`: the provider has no report for this message (Aliyun, a mainland message);
 * - `failed`: it did not take it; `retry` when a later try may pass (transport, its own fault,
 *   a rate limit), not for a refusal of the report itself (credentials, no access).
 */
export type ConversionOutcome =
  | { status: 'reported' }
  | { status: 'not_taken'; reason: string }
  | { status: 'failed'; retry: boolean; code: string; message: string };

/** The adapters' side: reports a conversion; throws only for programming errors. */
export interface ConversionReporting {
  reportConversion(report: ConversionReport, signal: AbortSignal): Promise<ConversionOutcome>;
}

/** How a failed call maps: transport failures and the provider's own faults are retried. */
export function conversionFailure(failure: SendFailure): ConversionOutcome {
  const retry =
    failure.status !== 'refused' ||
    (failure.scope === 'provider' &&
      (failure.reason === 'other' || failure.reason === 'rate_limited'));
  return { status: 'failed', retry, code: failure.providerCode, message: failure.message };
}
