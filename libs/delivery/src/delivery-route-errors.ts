import type { DocumentedError } from '@app/common';
import { PhoneInvalidError, RegionNotAllowedError } from '@app/phone';
import {
  MessageTooLongError,
  SignatureNotApprovedError,
  SignatureNotFoundError,
  TemplateNotApprovedError,
  TemplateNotFoundError,
  TemplateVariableMissingError,
} from './catalog.errors';
import { DailyLimitExceededError, SendFailedError, TooFrequentError } from './delivery.errors';

/**
 * What a route answers for the SMS it sends, for `@ApiErrors(...)`: the phone, the template
 * and signature it is composed from, and a provider's refusal (mapped in provider-failure.ts).
 */
export const SMS_SEND_MESSAGE_ERRORS: DocumentedError[] = [
  PhoneInvalidError,
  RegionNotAllowedError,
  TemplateVariableMissingError,
  MessageTooLongError,
  TemplateNotFoundError,
  SignatureNotFoundError,
  TemplateNotApprovedError,
  SignatureNotApprovedError,
  TooFrequentError,
  DailyLimitExceededError,
  SendFailedError,
];
