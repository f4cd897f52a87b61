import { AppError } from '@app/common';
import { SmsProviderError } from '../providers/sms-provider';
import { SignatureNotApprovedError, TemplateNotApprovedError } from '../sms-catalog.errors';
import {
  DailyLimitExceededError,
  PhoneInvalidError,
  SendFailedError,
  TooFrequentError,
} from '../sms.errors';

const PROVIDER_RETRY_AFTER_SECONDS = 60;
const PROVIDER_DAILY_RETRY_AFTER_SECONDS = 3600;

/** What the client is told when every provider failed or one refused. */
export function clientErrorForProviderFailure(error: SmsProviderError): AppError {
  switch (error.reason) {
    case 'phone_invalid':
      return new PhoneInvalidError('The carrier refused this phone number');
    case 'too_frequent':
      return new TooFrequentError(PROVIDER_RETRY_AFTER_SECONDS);
    case 'daily_limit':
      return new DailyLimitExceededError(PROVIDER_DAILY_RETRY_AFTER_SECONDS);
    case 'signature_not_approved':
      return new SignatureNotApprovedError(
        `Provider ${error.provider} has not approved this signature`,
      );
    case 'template_not_approved':
      return new TemplateNotApprovedError(
        `Provider ${error.provider} has not approved this template (${error.providerCode})`,
      );
    case 'other':
      return new SendFailedError();
  }
}
