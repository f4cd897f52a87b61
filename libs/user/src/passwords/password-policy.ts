import { Injectable } from '@nestjs/common';
import { length } from 'class-validator';
import { InvalidParamError } from '@app/common';
import { AppConfigService } from '@app/config';
import { PASSWORD_MAX_LENGTH } from './password-hasher';

/** The rule a new password is held to, in the words both APIs answer with. */
export function passwordLengthRule(minLength: number): string {
  return `a password has ${minLength} to ${PASSWORD_MAX_LENGTH} characters`;
}

/**
 * The length rule of new passwords, from USER_PASSWORD_MIN_LENGTH. It is read at run time,
 * so it cannot live in the DTOs' decorators (those keep the fixed maximum); the services
 * that set a password check it first, before a code is used or an account is looked up.
 * Passwords being checked (log-in, the old one of a change) have no minimum: accounts
 * imported from LeanCloud may have shorter ones.
 */
@Injectable()
export class PasswordPolicy {
  readonly minLength: number;

  constructor(config: AppConfigService) {
    this.minLength = config.get('USER_PASSWORD_MIN_LENGTH');
  }

  /** InValidParam for `field` when the password is too short (counted as the DTOs count). */
  assertAcceptable(password: string, field: string): void {
    if (length(password, this.minLength, PASSWORD_MAX_LENGTH)) return;
    const rule = passwordLengthRule(this.minLength);
    throw new InvalidParamError(rule, [{ field, message: rule }]);
  }
}
