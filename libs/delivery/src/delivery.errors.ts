import { AppError, RetryableAppError } from '@app/common';

/** The provider refused or failed; no usable code is left behind. */
export class SendFailedError extends AppError {
  readonly code = 'SendFailed';
  readonly status = 502;
  constructor(message = 'The message could not be sent; try again later') {
    super(message);
  }
}

export class TooFrequentError extends RetryableAppError {
  readonly code = 'TooFrequent';
  readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super('A code was sent to this phone moments ago; wait before asking again', retryAfterSeconds);
  }
}

export class DailyLimitExceededError extends RetryableAppError {
  readonly code = 'DailyLimitExceeded';
  readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super('This phone has received as many codes as allowed today', retryAfterSeconds);
  }
}

export class MessageNotFoundError extends AppError {
  readonly code = 'MessageNotFound';
  readonly status = 404;
  constructor() {
    super('No message with this id');
  }
}

/** Only a notification or marketing message that ended `failed` can be sent again. */
export class MessageNotRetryableError extends AppError {
  readonly code = 'MessageNotRetryable';
  readonly status = 409;
  constructor(status: string) {
    super(`Only a failed notification can be retried; this message is ${status}`);
  }
}

/**
 * No configured provider of the channel can reach the phone (voice: none in VOICE_PROVIDER or
 * VOICE_ROUTES, or none that calls the phone's region). Told before any limit is counted.
 */
export class ChannelNotAvailableError extends AppError {
  readonly code = 'ChannelNotAvailable';
  readonly status = 400;
  constructor(channel: string, region: string) {
    super(`No ${channel} provider can reach phones of region ${region}; ask for an SMS instead`);
  }
}
