import { Injectable, OnModuleInit } from '@nestjs/common';
import { User } from '@app/prisma';
import { CodeRequestContext, SmsSendCheck, SmsSendChecks } from '@app/codes';
import { AccountRules } from '../accounts/account-rules';
import { ActorSessions } from '../sessions/actor-sessions';
import { hasPassword } from '../passwords/account-password';
import {
  PhoneAlreadyVerifiedError,
  PhoneChangeProofRequiredError,
  PhoneMismatchError,
  PhoneTakenError,
  UserNotFoundError,
} from '../user.errors';
import { UsersRepository } from '../users/users.repository';

/**
 * After the captcha (which registers a lower order), before the code is reserved and sent.
 * Leaves room below for other modules' checks.
 */
export const ACCOUNT_CHECK_ORDER = 100;

/**
 * The account rules of each purpose, checked before a code is sent, so that no SMS is
 * spent on a code the matching route would refuse.
 */
@Injectable()
export class AccountCodeChecks implements SmsSendCheck, OnModuleInit {
  constructor(
    private readonly checks: SmsSendChecks,
    private readonly users: UsersRepository,
    private readonly actors: ActorSessions,
    private readonly rules: AccountRules,
  ) {}

  onModuleInit(): void {
    this.checks.register(this, ACCOUNT_CHECK_ORDER);
  }

  async check(request: CodeRequestContext): Promise<void> {
    const phone = request.phone.e164;
    switch (request.purpose) {
      case 'operation':
        return;
      case 'signup':
        if ((await this.users.findByPhone(phone)) !== null) throw new PhoneTakenError();
        return;
      case 'login':
        this.rules.assertCodeLoginAllowed(await this.users.findByPhone(phone));
        return;
      case 'reset_password':
        this.rules.assertResetAllowed(await this.users.findByPhone(phone));
        return;
      case 'verify_phone': {
        const user =
          request.recipient === 'phone-account'
            ? await this.phoneAccount(phone)
            : (await this.actors.sessionOf(request.actor)).user;
        if (user.phone !== phone) throw new PhoneMismatchError();
        if (user.mobilePhoneVerified) throw new PhoneAlreadyVerifiedError();
        return;
      }
      case 'change_phone': {
        await this.actors.sessionOf(request.actor);
        if ((await this.users.findByPhone(phone)) !== null) throw new PhoneTakenError();
        return;
      }
      case 'change_phone_confirm': {
        // Only to the session's own phone: the code proves that phone's holder agrees.
        const { user } = await this.actors.sessionOf(request.actor);
        if (user.phone !== phone) throw new PhoneMismatchError('change_phone_confirm');
        if (hasPassword(user)) {
          throw new PhoneChangeProofRequiredError(
            true,
            'This account has a password: a phone change is proven with currentPassword, and no change_phone_confirm code is sent',
          );
        }
        return;
      }
    }
  }

  private async phoneAccount(phone: string): Promise<User> {
    const user = await this.users.findByPhone(phone);
    if (user === null) throw new UserNotFoundError();
    this.rules.assertActive(user);
    return user;
  }
}
