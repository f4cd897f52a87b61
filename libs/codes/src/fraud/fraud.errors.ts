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

/** A deny rule (SMS_FRAUD_DENY or an admin's) names this destination or client network: no code. */
export class FraudDeniedError extends AppError {
  readonly code = 'FraudDenied';
  readonly status = 403;
  constructor() {
    super('Codes are not sent to this destination');
  }
}

/** The value of a new rule is not one entry SMS_FRAUD_ALLOW / SMS_FRAUD_DENY would accept. */
export class FraudRuleInvalidError extends AppError {
  readonly code = 'FraudRuleInvalid';
  readonly status = 400;
  constructor() {
    super(
      'value must be one ISO 3166 country (CN), an E.164 prefix or number (+86170), or an IPv4 or IPv6 address or CIDR (203.0.113.0/24)',
    );
  }

  override get details(): Record<string, unknown> {
    return { field: 'value' };
  }
}

/** A rule of this kind with this value exists already (an admin's or the configuration's). */
export class FraudRuleExistsError extends AppError {
  readonly code = 'FraudRuleExists';
  readonly status = 409;
  constructor(source: 'admin' | 'config' = 'admin') {
    super(
      source === 'config'
        ? 'The configuration (SMS_FRAUD_ALLOW / SMS_FRAUD_DENY) has this rule already'
        : 'A rule of this kind with this value exists already',
    );
  }
}

export class FraudRuleNotFoundError extends AppError {
  readonly code = 'FraudRuleNotFound';
  readonly status = 404;
  constructor() {
    super('No admin rule has this id (rules from the configuration cannot be deleted here)');
  }
}
