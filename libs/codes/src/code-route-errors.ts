import type { DocumentedError } from '@app/common';
import { ChannelNotAvailableError, SMS_SEND_MESSAGE_ERRORS } from '@app/delivery';
import { PhoneInvalidError, RegionNotAllowedError } from '@app/phone';
import {
  CodeExpiredError,
  CodeUsedError,
  CodeWrongError,
  DailyGuessLimitExceededError,
  HourlyLimitExceededError,
  IpLimitExceededError,
  MissingCodeError,
  ServiceLimitExceededError,
} from './code.errors';
import {
  FraudCaptchaRequiredError,
  FraudDeniedError,
  FraudSuspectedError,
} from './fraud/fraud.errors';

/** A verification code's send: the message's errors and the code's limits. */
export const SMS_SEND_CODE_ERRORS: DocumentedError[] = [
  ...SMS_SEND_MESSAGE_ERRORS,
  ChannelNotAvailableError,
  HourlyLimitExceededError,
  IpLimitExceededError,
  ServiceLimitExceededError,
  FraudCaptchaRequiredError,
  FraudSuspectedError,
  FraudDeniedError,
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
