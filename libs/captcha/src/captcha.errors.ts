import { AppError } from '@app/common';

/** A wrong answer, or a captcha or validate token that is unknown, used or expired. */
export class CaptchaInvalidError extends AppError {
  readonly code = 'CaptchaInvalid';
  readonly status = 400;
  constructor(message = 'The captcha was not solved, or its token is unknown, used or expired') {
    super(message);
  }
}

/** A code was requested without the validate token this request needs. */
export class CaptchaRequiredError extends AppError {
  readonly code = 'CaptchaRequired';
  readonly status = 403;
  constructor() {
    super(
      'Solve a captcha first: POST /v1/captcha, then /v1/captcha/verify, and send its validateToken',
    );
  }
}

/** The deployment uses a hosted captcha, whose widget draws the challenge in the client. */
export class CaptchaHostedError extends AppError {
  readonly code = 'CaptchaHosted';
  readonly status = 404;
  constructor(provider: string) {
    super(
      `This service uses the hosted captcha "${provider}": solve its widget in the client and ` +
        'send its token to POST /v1/captcha/verify as captchaToken',
    );
  }
}

/** The hosted captcha could not be asked (down, slow, refused our key); nothing passes. */
export class CaptchaUnavailableError extends AppError {
  readonly code = 'CaptchaUnavailable';
  readonly status = 503;
  constructor() {
    super('The captcha cannot be checked right now; try again later');
  }
}
