import { AppError, RetryableAppError } from './app-error';

export interface FieldError {
  field: string;
  message: string;
}

/** A parameter is missing, of the wrong type or out of range. */
export class InvalidParamError extends AppError {
  readonly code = 'InValidParam';
  readonly status = 400;

  constructor(
    message = 'Invalid parameters',
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }

  override get details(): Record<string, unknown> | undefined {
    return this.errors.length > 0 ? { errors: this.errors } : undefined;
  }
}

export class UnauthorizedError extends AppError {
  readonly code = 'Unauthorized';
  readonly status = 401;

  constructor(message = 'Missing or wrong credentials') {
    super(message);
  }
}

/** The per-IP request rate on every route. */
export class TooManyRequestsError extends RetryableAppError {
  readonly code = 'TooManyRequests';
  readonly status = 429;

  constructor(retryAfterSeconds: number) {
    super('Too many requests from this address; slow down', retryAfterSeconds);
  }
}

/** A dependency (Redis, PostgreSQL) is unreachable; callers fail closed. */
export class ServiceUnavailableError extends AppError {
  readonly code = 'ServiceUnavailable';
  readonly status = 503;

  constructor(message = 'The service is temporarily unavailable') {
    super(message);
  }
}

/** A named admin's role is below what the route needs. */
export class AdminRoleForbiddenError extends AppError {
  readonly code = 'AdminRoleForbidden';
  readonly status = 403;

  constructor(needed: string) {
    super(`This route needs the ${needed} role`);
  }
}

/** A state-changing call of a console session without its X-CSRF-Token, or with another one. */
export class CsrfTokenInvalidError extends AppError {
  readonly code = 'CsrfTokenInvalid';
  readonly status = 403;

  constructor() {
    super('Send the csrfToken of the session in the X-CSRF-Token header');
  }
}

/** A route about the admin's own console session, called with ADMIN_API_KEY. */
export class AdminSessionRequiredError extends AppError {
  readonly code = 'AdminSessionRequired';
  readonly status = 403;

  constructor() {
    super('This route is about a signed-in admin: sign in to the console (the key has no account)');
  }
}
