import { length } from 'class-validator';
import { FieldError, InvalidParamError } from '@app/common';
import { PASSWORD_MAX_LENGTH } from '../passwords/password-hasher';
import { passwordLengthRule } from '../passwords/password-policy';
import { USERNAME_PATTERN } from '../users/username';

/**
 * What a sign-up by code may set besides the phone. A route that signs up or logs in takes
 * them from every caller, and uses them only when the code creates the account.
 */
export interface NewAccountFields {
  username?: string;
  password?: string;
}

/**
 * The rules the sign-up routes' bodies check (the password's minimum is
 * USER_PASSWORD_MIN_LENGTH, from PasswordPolicy), for fields that are checked only once the
 * service knows the code creates an account (and before the code is used).
 */
export function assertValidNewAccountFields(
  fields: NewAccountFields,
  passwordMinLength: number,
): void {
  const errors: FieldError[] = [];
  if (fields.username !== undefined && !USERNAME_PATTERN.test(fields.username)) {
    errors.push({
      field: 'username',
      message:
        'a username has 3 to 32 letters, digits, "_", "." or "-", starting with a letter or digit',
    });
  }
  const password = fields.password;
  if (password !== undefined && !length(password, passwordMinLength, PASSWORD_MAX_LENGTH)) {
    errors.push({ field: 'password', message: passwordLengthRule(passwordMinLength) });
  }
  if (errors.length > 0) {
    throw new InvalidParamError(
      `Invalid value: ${errors.map((e) => e.message).join('; ')}`,
      errors,
    );
  }
}
