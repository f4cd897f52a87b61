import type { DocumentedError } from '@app/common';
import {
  MessageTooLongError,
  SignatureNotApprovedError,
  SignatureNotFoundError,
  TemplateNotApprovedError,
  TemplateNotFoundError,
  TemplateVariableMissingError,
} from './sms-catalog.errors';
import {
  CodeExpiredError,
  CodeUsedError,
  CodeWrongError,
  DailyGuessLimitExceededError,
  DailyLimitExceededError,
  IpLimitExceededError,
  MissingCodeError,
  PhoneInvalidError,
  RegionNotAllowedError,
  SendFailedError,
  ServiceLimitExceededError,
  TooFrequentError,
} from './sms.errors';

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

/** A verification code's send: the message's errors and the code's limits. */
export const SMS_SEND_CODE_ERRORS: DocumentedError[] = [
  ...SMS_SEND_MESSAGE_ERRORS,
  IpLimitExceededError,
  ServiceLimitExceededError,
];

/** A route that checks a code someone typed (429: the phone's daily budget of wrong guesses). */
export const SMS_VERIFY_CODE_ERRORS: DocumentedError[] = [
  PhoneInvalidError,
  RegionNotAllowedError,
  MissingCodeError,
  CodeWrongError,
  CodeExpiredError,
  CodeUsedError,
  DailyGuessLimitExceededError,
];
