import { AppError } from '@app/common';
import type { SendFailure } from '../providers/sms-provider';
import { SignatureNotApprovedError, TemplateNotApprovedError } from '../catalog.errors';
import { PhoneInvalidError } from '@app/phone';
import { DailyLimitExceededError, SendFailedError, TooFrequentError } from '../delivery.errors';

const PROVIDER_RETRY_AFTER_SECONDS = 60;
const PROVIDER_DAILY_RETRY_AFTER_SECONDS = 3600;

/** What the client is told when no provider accepted the message. */
export function clientErrorForSendFailure(provider: string, failure: SendFailure): AppError {
  if (failure.status !== 'refused') return new SendFailedError();
  switch (failure.reason) {
    case 'invalid_number':
      return new PhoneInvalidError('The carrier refused this phone number');
    case 'rate_limited':
      // Only the phone's own limits tell the client to wait; a provider's limit on our
      // account is ours to handle.
      if (failure.window === 'daily') {
        return new DailyLimitExceededError(PROVIDER_DAILY_RETRY_AFTER_SECONDS);
      }
      if (failure.window === 'short') return new TooFrequentError(PROVIDER_RETRY_AFTER_SECONDS);
      return new SendFailedError();
    case 'signature_not_approved':
      return new SignatureNotApprovedError(`Provider ${provider} has not approved this signature`);
    case 'template_not_approved':
      return new TemplateNotApprovedError(
        `Provider ${provider} has not approved this template (${failure.providerCode})`,
      );
    case 'authentication_failed':
    case 'balance_or_account':
    case 'other':
      return new SendFailedError();
  }
}
