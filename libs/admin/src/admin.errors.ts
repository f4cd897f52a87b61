import { AppError, RetryableAppError } from '@app/common';

/** The same answer for an unknown username, a disabled account and a wrong password. */
export class AdminInvalidCredentialsError extends AppError {
  readonly code = 'AdminInvalidCredentials';
  readonly status = 401;
  constructor() {
    super('The username or the password is wrong');
  }
}

/** The password was right; the account has a second factor: send `totp` too. */
export class AdminTotpRequiredError extends AppError {
  readonly code = 'AdminTotpRequired';
  readonly status = 401;
  constructor() {
    super('This account signs in with a TOTP code: send totp, the code of the authenticator app');
  }
}

export class AdminTotpInvalidError extends AppError {
  readonly code = 'AdminTotpInvalid';
  readonly status = 401;
  constructor() {
    super('The TOTP code is wrong or has expired');
  }
}

/** Too many wrong passwords (or TOTP codes) for this username within the window. */
export class AdminTooManyAttemptsError extends RetryableAppError {
  readonly code = 'AdminTooManyAttempts';
  readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super(
      'Too many failed sign-ins for this username; wait before trying again',
      retryAfterSeconds,
    );
  }
}

/** No console session: no cookie, or an expired or ended one. */
export class AdminSessionInvalidError extends AppError {
  readonly code = 'AdminSessionInvalid';
  readonly status = 401;
  constructor() {
    super('Sign in: no live console session');
  }
}

export class AdminSetupDoneError extends AppError {
  readonly code = 'AdminSetupDone';
  readonly status = 409;
  constructor() {
    super('An owner exists already: sign in, or ask an owner for an account');
  }
}

/** The setup call's apiKey is not ADMIN_API_KEY. */
export class AdminSetupKeyWrongError extends AppError {
  readonly code = 'AdminSetupKeyWrong';
  readonly status = 401;
  constructor() {
    super('apiKey is not the ADMIN_API_KEY of this service');
  }
}

export class AdminUsernameTakenError extends AppError {
  readonly code = 'AdminUsernameTaken';
  readonly status = 409;
  constructor() {
    super('An admin has this username (usernames are compared without case)');
  }
}

export class AdminNotFoundError extends AppError {
  readonly code = 'AdminNotFound';
  readonly status = 404;
  constructor() {
    super('No admin account has this id');
  }
}

/** The change would leave no enabled owner (nobody could manage admins any more). */
export class AdminLastOwnerError extends AppError {
  readonly code = 'AdminLastOwner';
  readonly status = 409;
  constructor() {
    super('This is the last enabled owner: make another owner first');
  }
}

/** Confirming or removing TOTP when there is nothing of the kind to confirm or remove. */
export class AdminTotpStateError extends AppError {
  readonly code = 'AdminTotpState';
  readonly status = 409;
  constructor(message: string) {
    super(message);
  }
}

/**
 * The account's TOTP secret was sealed under another key than the configured one (a new
 * ADMIN_API_KEY with ADMIN_TOTP_ENCRYPTION_KEY unset, or a changed key), or was altered: the
 * service cannot check the code. The operator's to fix; the log names the keys' ids.
 */
export class AdminTotpUnreadableError extends AppError {
  readonly code = 'AdminTotpUnreadable';
  readonly status = 503;
  constructor() {
    super(
      'The second factor of this account cannot be checked: the service is not configured with ' +
        'the key it was stored under. Ask the operator (ADMIN_TOTP_ENCRYPTION_KEY)',
    );
  }
}
