import { AppError } from '@app/common';

export class SuppressionNotFoundError extends AppError {
  readonly code = 'SuppressionNotFound';
  readonly status = 404;
  constructor() {
    super('No suppression with this id');
  }
}

/** The number is already on the signature's list (one entry per signature and phone). */
export class PhoneAlreadySuppressedError extends AppError {
  readonly code = 'PhoneAlreadySuppressed';
  readonly status = 409;
  constructor() {
    super('This phone is already suppressed for this signature');
  }
}

/** A marketing message to a number that opted out of its signature: nothing is sent. */
export class PhoneSuppressedError extends AppError {
  readonly code = 'PhoneSuppressed';
  readonly status = 409;
  constructor() {
    super('This phone opted out of marketing messages from this signature');
  }
}

/** The upload is not a CSV of phones we can read (no file, no phone column, too large). */
export class SuppressionImportInvalidError extends AppError {
  readonly code = 'SuppressionImportInvalid';
  readonly status = 400;
  constructor(message: string) {
    super(message);
  }
}
