import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { User } from '@app/prisma';
import {
  PhoneNotVerifiedError,
  SmsLoginDisabledError,
  UserDisabledError,
  UserNotFoundError,
} from '../user.errors';
import { CodeLogInPolicy, V1_CODE_LOG_IN } from './code-log-in-policy';

/**
 * The account policies (USER_* settings), in one place for both the checks before a
 * code is sent and the routes that use the code, so the two cannot disagree.
 */
@Injectable()
export class AccountRules {
  private readonly smsLogin: boolean;
  private readonly smsSignupOnLogin: boolean;
  private readonly blockUnverifiedLogin: boolean;
  private readonly allowUnverifiedReset: boolean;

  constructor(config: AppConfigService) {
    this.smsLogin = config.get('USER_SMS_LOGIN');
    this.smsSignupOnLogin = config.get('USER_SMS_SIGNUP_ON_LOGIN');
    this.blockUnverifiedLogin = config.get('USER_BLOCK_UNVERIFIED_LOGIN');
    this.allowUnverifiedReset = config.get('USER_ALLOW_UNVERIFIED_RESET');
  }

  assertActive(user: User): void {
    if (user.disabled) throw new UserDisabledError();
  }

  /**
   * Log-in with a code for this phone's account, or for no account when the policy (for
   * `/v1`: USER_SMS_SIGNUP_ON_LOGIN) lets the code create one.
   */
  assertCodeLoginAllowed(user: User | null, policy: CodeLogInPolicy = V1_CODE_LOG_IN): void {
    if (!this.smsLogin) throw new SmsLoginDisabledError();
    if (user === null) {
      if (!this.signsUpUnknownPhone(policy)) throw new UserNotFoundError();
      return;
    }
    this.assertActive(user);
    if (policy.unverifiedPhone === 'refuse' && !user.mobilePhoneVerified) {
      throw new PhoneNotVerifiedError(
        'This account must verify its phone number before it logs in with an SMS code',
      );
    }
  }

  private signsUpUnknownPhone(policy: CodeLogInPolicy): boolean {
    switch (policy.unknownPhone) {
      case 'signUp':
        return true;
      case 'refuse':
        return false;
      case 'bySetting':
        return this.smsSignupOnLogin;
    }
  }

  /** After the password was proven right. */
  assertPasswordLoginAllowed(user: User): void {
    this.assertActive(user);
    if (this.blockUnverifiedLogin && !user.mobilePhoneVerified) {
      throw new PhoneNotVerifiedError(
        'This account must verify its phone number before it logs in with a password',
      );
    }
  }

  assertResetAllowed(user: User | null): asserts user is User {
    if (user === null) throw new UserNotFoundError();
    this.assertActive(user);
    if (!this.allowUnverifiedReset && !user.mobilePhoneVerified) {
      throw new PhoneNotVerifiedError(
        "The password cannot be reset by SMS: the account's phone number is not verified",
      );
    }
  }
}
