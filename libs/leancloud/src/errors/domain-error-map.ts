import { DailyGuessLimitExceededError } from '@app/codes';
import { LEANCLOUD_MESSAGES, LeanCloudCode, LeanCloudError } from './leancloud-error';

interface Mapping {
  code: LeanCloudCode;
  /** LeanCloud's own text where it had a specific one; else the number's standard message. */
  message?: string;
  /** Keep our message: LeanCloud's text for the number would say less (code 1, the catch-all). */
  keepOurMessage?: true;
  /**
   * Keep our HTTP status: only the framework's own answers about the request itself (no such
   * route, wrong method, body too large or of the wrong type). A domain error's status is for
   * `/v1`; on `/1.1` every client error is a 400, as LeanCloud answered an unknown template.
   */
  keepStatus?: true;
}

const SMS_CODE_INVALID: Mapping = { code: 603 };
const SEND_LIMIT: Mapping = { code: 601 };

/**
 * Our stable domain codes (and the framework's, from `codeForStatus`) to LeanCloud's numbers.
 * Codes not listed become LeanCloud's catch-all 1 with our message, so a new domain error is
 * still a clear `{ code, error }`, never a 500.
 */
const BY_DOMAIN_CODE: Readonly<Record<string, Mapping>> = {
  // The framework and libs/common.
  InValidParam: { code: 107, keepOurMessage: true },
  BadRequest: { code: 107 },
  UnsupportedMediaType: { code: 107, keepStatus: true },
  PayloadTooLarge: { code: 107, keepOurMessage: true, keepStatus: true },
  NotFound: { code: 1, keepOurMessage: true, keepStatus: true },
  MethodNotAllowed: { code: 1, keepOurMessage: true, keepStatus: true },
  Unauthorized: { code: 401 },
  TooManyRequests: { code: 429 },
  ServiceUnavailable: { code: 1, keepOurMessage: true },
  InternalError: { code: 1, keepOurMessage: true },

  // libs/phone, libs/codes, libs/delivery
  MissingCode: SMS_CODE_INVALID,
  CodeIsError: SMS_CODE_INVALID,
  CodeHasExpired: SMS_CODE_INVALID,
  CodeHasValid: SMS_CODE_INVALID,
  PhoneInvalid: { code: 127 },
  RegionNotAllowed: {
    code: 1,
    message: 'International SMS is disabled, please enable it in console.',
  },
  TooFrequent: SEND_LIMIT,
  DailyLimitExceeded: SEND_LIMIT,
  HourlyLimitExceeded: SEND_LIMIT,
  IpLimitExceeded: SEND_LIMIT,
  ServiceLimitExceeded: SEND_LIMIT,
  // The fraud guard: a block is a send limit to a client (601, wait); a denied destination is
  // "operation not allowed" (119), with our message.
  FraudSuspected: SEND_LIMIT,
  FraudDenied: { code: 119, keepOurMessage: true },
  SendFailed: { code: 602 },
  // LeanCloud documents no number for a voice code it cannot place (its calls reach mainland
  // China only); 119, "operation not allowed", is what it answers for a feature that is off,
  // and what voice requests got here before calls existed. Our message says to ask for an SMS.
  ChannelNotAvailable: { code: 119, keepOurMessage: true },
  SignatureNotFound: { code: 600 },
  SignatureNotApproved: { code: 605, message: 'SMS sign not verified' },
  TemplateNotFound: { code: 604 },
  TemplateNotApproved: { code: 605 },
  TemplateVariableMissing: { code: 606, keepOurMessage: true },
  TemplateInvalid: { code: 606, keepOurMessage: true },
  MessageTooLong: { code: 606, keepOurMessage: true },

  // libs/captcha. LeanCloud documents no number for a wrong captcha; 608 tells the app to
  // show a (new) captcha, which is what both a wrong answer and a spent token call for.
  CaptchaRequired: { code: 608 },
  CaptchaInvalid: { code: 608, keepOurMessage: true },
  CaptchaHosted: { code: 119, keepOurMessage: true },
  CaptchaUnavailable: { code: 1, keepOurMessage: true },

  // libs/user
  PhoneTaken: { code: 214 },
  UsernameTaken: { code: 202 },
  UserNotFound: { code: 211 },
  InvalidCredentials: { code: 210 },
  WrongPassword: { code: 210 },
  // 119, "operation not allowed", with our message saying which proof to send.
  PhoneChangeProofRequired: { code: 119, keepOurMessage: true },
  SessionInvalid: { code: 211 },
  PhoneNotVerified: { code: 215 },
  SmsLoginDisabled: { code: 119 },
  TooManyAttempts: { code: 219 },
  UserDisabled: { code: 1, keepOurMessage: true },
};

/**
 * The SMS module's wrong-guess budget answers `TooManyAttempts`, as the password lock-out does,
 * but it refuses a code, not a password: LeanCloud's 219 speaks of failed log-ins and sends
 * the user to a password reset (itself a code, refused too), and 603 "Invalid SMS code."
 * would tell the owner typing the right code that it is wrong, so they would ask for more
 * codes, each refused as well. 601 is what an app already shows as "wait and try later",
 * the only thing that helps; our message says until when (the UTC day's end, as Retry-After).
 */
const GUESS_BUDGET_SPENT: Mapping = { code: 601, keepOurMessage: true };

/** The mapping of an error whose domain code is shared by errors LeanCloud numbered apart. */
function mappingOfSource(source: unknown): Mapping | undefined {
  return source instanceof DailyGuessLimitExceededError ? GUESS_BUDGET_SPENT : undefined;
}

/**
 * The `/1.1` form of an error that our exception filter described as
 * `{ statusCode, code, message }`: LeanCloud's number and, for client errors, its status.
 * `source`, the error itself, tells apart the few errors that share a domain code.
 */
export function toLeanCloudError(
  error: {
    statusCode: number;
    code: string;
    message: string;
  },
  source?: unknown,
): LeanCloudError {
  const mapping: Mapping =
    mappingOfSource(source) ??
    (Object.hasOwn(BY_DOMAIN_CODE, error.code)
      ? BY_DOMAIN_CODE[error.code]
      : { code: 1, keepOurMessage: true });
  const message = mapping.keepOurMessage
    ? error.message
    : (mapping.message ?? LEANCLOUD_MESSAGES[mapping.code]);
  const keepStatus = error.statusCode >= 500 || mapping.keepStatus === true;
  return new LeanCloudError(mapping.code, message, keepStatus ? error.statusCode : undefined);
}
