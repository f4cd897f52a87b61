import { AppError, RetryableAppError } from '@app/common';

export class PhoneTakenError extends AppError {
  readonly code = 'PhoneTaken';
  readonly status = 409;
  constructor() {
    super('An account with this phone number exists already');
  }
}

export class UsernameTakenError extends AppError {
  readonly code = 'UsernameTaken';
  readonly status = 409;
  constructor() {
    super('This username is taken (usernames are compared without case)');
  }
}

export class UserNotFoundError extends AppError {
  readonly code = 'UserNotFound';
  readonly status = 404;
  constructor(message = 'No account has this phone number') {
    super(message);
  }
}

/** The same answer for an unknown phone, an account without a password and a wrong password. */
export class InvalidCredentialsError extends AppError {
  readonly code = 'InvalidCredentials';
  readonly status = 401;
  constructor() {
    super('The phone number or the password is wrong');
  }
}

/** No session token, or an unknown, expired or revoked one. */
export class SessionInvalidError extends AppError {
  readonly code = 'SessionInvalid';
  readonly status = 401;
  constructor() {
    super('Sign in: this route needs Authorization: Bearer <sessionToken> of a live session');
  }
}

export class PhoneNotVerifiedError extends AppError {
  readonly code = 'PhoneNotVerified';
  readonly status = 403;
  constructor(message = "The account's phone number is not verified") {
    super(message);
  }
}

export class SmsLoginDisabledError extends AppError {
  readonly code = 'SmsLoginDisabled';
  readonly status = 403;
  constructor() {
    super('Log-in with an SMS code is turned off; log in with the password');
  }
}

export class UserDisabledError extends AppError {
  readonly code = 'UserDisabled';
  readonly status = 403;
  constructor() {
    super('This account is disabled');
  }
}

/** Password log-in: too many failures for this phone within the window. */
export class TooManyAttemptsError extends RetryableAppError {
  readonly code = 'TooManyAttempts';
  readonly status = 429;
  constructor(retryAfterSeconds: number) {
    super(
      'Too many wrong passwords for this phone; wait, or log in with an SMS code',
      retryAfterSeconds,
    );
  }
}

/** A signed-in user's current password, asked again before it is changed, is wrong. */
export class WrongPasswordError extends AppError {
  readonly code = 'WrongPassword';
  readonly status = 403;
  constructor() {
    super('The current password is wrong');
  }
}

export class PasswordNotSetError extends AppError {
  readonly code = 'PasswordNotSet';
  readonly status = 409;
  constructor() {
    super('This account has no password yet; set one with POST /v1/password-resets');
  }
}

/** `verify_phone` and `change_phone_confirm` codes go only to the signed-in user's own phone. */
export class PhoneMismatchError extends AppError {
  readonly code = 'PhoneMismatch';
  readonly status = 403;
  constructor(purpose: 'verify_phone' | 'change_phone_confirm' = 'verify_phone') {
    super(`${purpose} codes are sent only to the signed-in account's own phone number`);
  }
}

/**
 * A phone change without the proof of the account it needs besides the session: the current
 * password, or for an account without one a `change_phone_confirm` code sent to its phone.
 */
export class PhoneChangeProofRequiredError extends AppError {
  readonly code = 'PhoneChangeProofRequired';
  readonly status = 403;
  constructor(accountHasPassword: boolean, message?: string) {
    super(
      message ??
        (accountHasPassword
          ? 'Changing the phone needs the current password as well: send currentPassword'
          : 'Changing the phone needs a change_phone_confirm code sent to the current phone as well: send it as currentPhoneCode'),
    );
  }
}

/** No session of the signed-in account has this id (another account's sessions are not told apart). */
export class SessionNotFoundError extends AppError {
  readonly code = 'SessionNotFound';
  readonly status = 404;
  constructor() {
    super('This account has no session with this id');
  }
}

export class PhoneAlreadyVerifiedError extends AppError {
  readonly code = 'PhoneAlreadyVerified';
  readonly status = 409;
  constructor() {
    super("The account's phone number is verified already");
  }
}
