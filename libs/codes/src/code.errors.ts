import { AppError, RetryableAppError } from '@app/common';

// The first four codes (and delivery's TooFrequent) are the Tencent Cloud SMS demo's, kept
// for its clients.

export class MissingCodeError extends AppError {
  readonly code = 'MissingCode';
  readonly status = 400;
  constructor() {
    super('A verification code is required');
  }
}

export class CodeExpiredError extends AppError {
  readonly code = 'CodeHasExpired';
  readonly status = 400;
  constructor() {
    super('The verification code has expired; request a new one');
  }
}

/** The code was used already, or died after too many wrong tries. */
export class CodeUsedError extends AppError {
  readonly code = 'CodeHasValid';
  readonly status = 400;
  constructor() {
    super('The verification code is no longer valid; request a new one');
  }
}

/** A wrong code, or no code was sent to this phone for this purpose. */
export class CodeWrongError extends AppError {
  readonly code = 'CodeIsError';
  readonly status = 400;
  constructor() {
    super('The verification code is wrong');
  }
}

/** Calls to this phone in the last hour reached SMS_VOICE_PHONE_HOURLY_LIMIT. */
export class HourlyLimitExceededError extends RetryableAppError {
  readonly code = 'HourlyLimitExceeded';
  readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super('This phone has received as many calls as allowed in an hour', retryAfterSeconds);
  }
}

export class IpLimitExceededError extends RetryableAppError {
  readonly code = 'IpLimitExceeded';
  readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super('This address has requested as many codes as allowed today', retryAfterSeconds);
  }
}

export class ServiceLimitExceededError extends RetryableAppError {
  readonly code = 'ServiceLimitExceeded';
  readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super('The service has sent as many messages as allowed today', retryAfterSeconds);
  }
}

/**
 * The phone's wrong guesses of the UTC day (SMS_CODE_DAILY_WRONG_LIMIT, across its codes and
 * purposes) are spent: every code of the phone is refused until the day ends, the right one
 * too. The code is the one libs/user answers for too many wrong passwords (the same advice
 * to a client: wait, a retry now cannot succeed); it is repeated here, as this module does
 * not depend on libs/user.
 */
export class DailyGuessLimitExceededError extends RetryableAppError {
  readonly code = 'TooManyAttempts';
  readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super(
      'Too many wrong verification codes for this phone today; try again after the UTC day ends',
      retryAfterSeconds,
    );
  }
}
