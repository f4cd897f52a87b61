import { AppError, FieldError } from '@app/common';

// Errors of the template and signature catalogue and of rendering a message from it.

export class TemplateNotFoundError extends AppError {
  readonly code = 'TemplateNotFound';
  readonly status = 404;
  constructor(message = 'No such SMS template') {
    super(message);
  }
}

/** The template exists but the carriers have not approved it (or the provider has no id for it). */
export class TemplateNotApprovedError extends AppError {
  readonly code = 'TemplateNotApproved';
  readonly status = 409;
  constructor(message = 'The SMS template is not approved') {
    super(message);
  }
}

export class SignatureNotFoundError extends AppError {
  readonly code = 'SignatureNotFound';
  readonly status = 404;
  constructor(message = 'No such SMS signature') {
    super(message);
  }
}

export class SignatureNotApprovedError extends AppError {
  readonly code = 'SignatureNotApproved';
  readonly status = 409;
  constructor(message = 'The SMS signature is not approved') {
    super(message);
  }
}

/** A placeholder of the template has no value among the caller's variables. */
export class TemplateVariableMissingError extends AppError {
  readonly code = 'TemplateVariableMissing';
  readonly status = 400;
  constructor(readonly missing: string[]) {
    super(`The template needs these variables: ${missing.join(', ')}`);
  }

  override get details(): Record<string, unknown> {
    return { missing: this.missing };
  }
}

/** Template content refused on save: it does not parse, or breaks a content rule. */
export class TemplateInvalidError extends AppError {
  readonly code = 'TemplateInvalid';
  readonly status = 400;
  constructor(readonly errors: FieldError[]) {
    super(`The template is not valid: ${errors.map((error) => error.message).join('; ')}`);
  }

  override get details(): Record<string, unknown> {
    return { errors: this.errors };
  }
}

/** The rendered text is longer than a message may be. */
export class MessageTooLongError extends AppError {
  readonly code = 'MessageTooLong';
  readonly status = 400;
  constructor(length: number, max: number) {
    super(`The message would be ${length} characters long; at most ${max} are allowed`);
  }
}

export class TemplateNameTakenError extends AppError {
  readonly code = 'TemplateNameTaken';
  readonly status = 409;
  constructor() {
    super('A template with this name and locale exists already');
  }
}

export class SignatureNameTakenError extends AppError {
  readonly code = 'SignatureNameTaken';
  readonly status = 409;
  constructor() {
    super('A signature with this name exists already');
  }
}

/** Deleting would leave a purpose without an approved template. */
export class TemplateInUseError extends AppError {
  readonly code = 'TemplateInUse';
  readonly status = 409;
  constructor(message: string) {
    super(message);
  }
}

/** Deleting would leave the service without an approved signature. */
export class SignatureInUseError extends AppError {
  readonly code = 'SignatureInUse';
  readonly status = 409;
  constructor(message: string) {
    super(message);
  }
}
