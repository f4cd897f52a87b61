import { OVER_RATE_CODE } from '../sending/provider-send-rates';
import type { Dispatched } from '../sending/sms-sender.service';
import type { RecipientOutcome } from './campaign-recipient.repository';

export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
}

/**
 * What a dispatch means for a campaign's recipient: `sent`; `unknown` when a provider may have
 * taken it (never sent again); another try later when the failure may pass (a provider's own
 * trouble, unreached) and tries are left, or at the next second when every provider's rate was
 * spent (not counted as a try); else `failed`, for good, with the provider's reason.
 */
export function recipientOutcome(
  seq: number,
  tries: number,
  dispatched: Dispatched,
  retry: RetryPolicy,
  now: Date,
): RecipientOutcome {
  const { result, record } = dispatched;
  if ('sent' in result) return { seq, status: 'sent' };
  if (result.unsent.maybeSent) return { seq, status: 'unknown' };
  if (record.attempts.length > 0 && record.attempts.every((a) => a.errorCode === OVER_RATE_CODE)) {
    const nextSecond = new Date(Math.floor(now.getTime() / 1000) * 1000 + 1000);
    return { seq, status: 'pending', retryAt: nextSecond, countsAsTry: false };
  }
  const { failure } = result.unsent;
  const mayPass =
    failure.status === 'unreached' ||
    (failure.status === 'refused' && failure.scope === 'provider');
  if (mayPass && tries < retry.attempts) {
    const delay = retry.firstDelayMs * 2 ** Math.min(tries - 1, 16);
    return { seq, status: 'pending', retryAt: new Date(now.getTime() + delay), countsAsTry: true };
  }
  return { seq, status: 'failed' };
}
