import { AppError, FieldError } from '@app/common';

/** A reply callback we cannot read: not the provider's shape, or no reply in it readable. */
export class ReplyCallbackInvalidError extends AppError {
  readonly code = 'ReplyCallbackInvalid';
  readonly status = 400;

  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }

  override get details(): Record<string, unknown> | undefined {
    return this.errors.length > 0 ? { errors: this.errors } : undefined;
  }
}
