import { AppError, RetryableAppError } from '@app/common';

/**
 * The destination or client looks like SMS pumping and no captcha can clear it: with
 * SMS_FRAUD_CHALLENGE=block, or an attack-sized volume to a key that never verified a code.
 * The block lifts by itself as the 24-hour window moves (`retryAfter`).
 */
export class FraudSuspectedError extends RetryableAppError {
  readonly code = 'FraudSuspected';
  readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super('Too many codes to this destination went unverified; try again later', retryAfterSeconds);
  }
}

/**
 * A key is over its budget of unverified codes: the request needs a solved captcha. The code
 * is libs/captcha's (clients already handle it); `reason` tells this one apart.
 */
export class FraudCaptchaRequiredError extends AppError {
  readonly code = 'CaptchaRequired';
  readonly status = 403;
  constructor() {
    super(
      'Solve a captcha first: POST /v1/captcha, then /v1/captcha/verify, and send its validateToken',
    );
  }

  override get details(): Record<string, unknown> {
    return { reason: 'fraud_guard' };
  }
}

/** SMS_FRAUD_DENY names this destination (or client network): no code is sent to it. */
export class FraudDeniedError extends AppError {
  readonly code = 'FraudDenied';
  readonly status = 403;
  constructor() {
    super('Codes are not sent to this destination');
  }
}
