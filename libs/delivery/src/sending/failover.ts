import type { SmsTemplateKind } from '@app/prisma';
import type { SendFailure, SendOutcome } from '../providers/sms-provider';

/**
 * Whether to try the next provider after a send that did not end accepted:
 * - a refusal that is this provider's matter (authentication, balance or account, its own
 *   rate limit on our account, a template it did not approve, a fault on its side): yes;
 * - a refusal about the message (invalid number, the phone's own limits, a signature, the
 *   content): no, any provider would repeat it;
 * - a request that never reached the provider: yes, nothing was sent;
 * - an unknown outcome: only for a verification code. The user may get the same code twice,
 *   which is harmless; a notification or marketing message must not be paid for twice.
 */
export function triesNextProvider(failure: SendFailure, kind: SmsTemplateKind): boolean {
  switch (failure.status) {
    case 'refused':
      return failure.scope === 'provider';
    case 'unreached':
      return true;
    case 'unknown':
      return kind === 'verification';
  }
}

/**
 * Whether a message that was not accepted may still have gone out: then it counts against
 * the limits like a sent one (its reservation is kept) and its record says `unknown`.
 */
export function maybeSent(outcomes: readonly SendOutcome[]): boolean {
  return outcomes.some((outcome) => outcome.status === 'unknown');
}
