import { Injectable } from '@nestjs/common';
import { SmsCodeService } from '@app/codes';
import { AccountPassword, hasPassword } from '../passwords/account-password';
import { PasswordAttemptLimiter } from '../passwords/password-attempt-limiter';
import { PasswordHasher } from '../passwords/password-hasher';
import { PasswordPolicy } from '../passwords/password-policy';
import { AccountEvents } from '../events/account-events';
import { TransactionScope } from '../persistence/transaction-scope';
import { AuthenticatedSession, SessionService } from '../sessions/session.service';
import { PasswordNotSetError, WrongPasswordError } from '../user.errors';
import { UsersRepository } from '../users/users.repository';
import { AccountRules } from './account-rules';

@Injectable()
export class PasswordService {
  constructor(
    private readonly codes: SmsCodeService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly passwords: AccountPassword,
    private readonly attempts: PasswordAttemptLimiter,
    private readonly rules: AccountRules,
    private readonly scope: TransactionScope,
    private readonly events: AccountEvents,
  ) {}

  /**
   * A signed-in change: the current password is asked again (guesses count against the
   * phone like log-in guesses), and every other session of the account is revoked.
   */
  async change(
    session: AuthenticatedSession,
    input: { oldPassword: string; newPassword: string },
  ): Promise<void> {
    this.policy.assertAcceptable(input.newPassword, 'newPassword');
    const { user } = session;
    if (!hasPassword(user)) throw new PasswordNotSetError();
    await this.attempts.take(user.phone);
    if (!(await this.passwords.matches(user, input.oldPassword))) {
      throw new WrongPasswordError();
    }
    await this.attempts.clear(user.phone);
    const passwordHash = await this.hasher.hash(input.newPassword);
    await this.scope.run(async () => {
      await this.users.update(user.id, { passwordHash });
      await this.sessions.revokeAllExcept(user.id, session.sessionId, 'password_changed');
      await this.events.emit('user.password_changed', { userId: user.id, by: 'user' });
    });
  }

  /**
   * An operator sets an account's password (LeanCloud's Master Key): no old password, no
   * code. Every session of the account ends, as after a reset, so whoever held one must
   * log in with the new password.
   */
  async set(userId: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(password);
    await this.scope.run(async () => {
      await this.users.update(userId, { passwordHash });
      await this.sessions.revokeAll(userId, 'password_set');
      await this.events.emit('user.password_changed', { userId, by: 'admin' });
    });
  }

  /**
   * Sets a new password with a `reset_password` code, which also verifies the phone, and
   * revokes every session of the account. Refusals come before the code is used.
   * `precedence: 'code'` (LeanCloud's order): a wrong code is told before any refusal of the
   * account (no such account, unverified, disabled), so the route tells someone without a
   * code nothing about accounts; a right code meeting a refusal is checked, not used.
   */
  async reset(
    input: { phone: string; code?: string; password: string },
    precedence: 'account' | 'code' = 'account',
  ): Promise<void> {
    this.policy.assertAcceptable(input.password, 'password');
    const phone = this.codes.normalizePhone(input.phone).e164;
    const user = await this.users.findByPhone(phone);
    if (precedence === 'code') {
      try {
        this.rules.assertResetAllowed(user);
      } catch (refusal) {
        await this.codes.checkCode({ phone, purpose: 'reset_password', code: input.code });
        throw refusal;
      }
    }
    this.rules.assertResetAllowed(user);
    await this.codes.verifyCode({ phone, purpose: 'reset_password', code: input.code });
    const passwordHash = await this.hasher.hash(input.password);
    await this.scope.run(async () => {
      await this.users.update(user.id, { passwordHash, mobilePhoneVerified: true });
      await this.sessions.revokeAll(user.id, 'password_reset');
      await this.events.emit('user.password_reset', { userId: user.id });
      if (!user.mobilePhoneVerified) {
        await this.events.emit('user.phone_verified', { userId: user.id, phone, by: 'code' });
      }
    });
    await this.attempts.clear(phone);
  }
}
