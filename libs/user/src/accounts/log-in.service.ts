import { Injectable } from '@nestjs/common';
import { AppError, InvalidParamError } from '@app/common';
import { Metrics } from '@app/metrics';
import { User } from '@app/prisma';
import { SmsCodeService } from '@app/codes';
import { AccountPassword } from '../passwords/account-password';
import { PasswordAttemptLimiter } from '../passwords/password-attempt-limiter';
import { PasswordHasher } from '../passwords/password-hasher';
import { PasswordPolicy } from '../passwords/password-policy';
import { AccountEvents } from '../events/account-events';
import { TransactionScope } from '../persistence/transaction-scope';
import { SessionOrigin, SessionService } from '../sessions/session.service';
import { InvalidCredentialsError, PhoneTakenError, UsernameTakenError } from '../user.errors';
import { UsersRepository } from '../users/users.repository';
import { AccountRules } from './account-rules';
import { AuthResult } from './auth-result';
import { CodeLogInPolicy, V1_CODE_LOG_IN } from './code-log-in-policy';
import { assertValidNewAccountFields, NewAccountFields } from './new-account-fields';
import { createdData } from './sign-up.service';

@Injectable()
export class LogInService {
  constructor(
    private readonly codes: SmsCodeService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly passwords: AccountPassword,
    private readonly attempts: PasswordAttemptLimiter,
    private readonly rules: AccountRules,
    private readonly scope: TransactionScope,
    private readonly hasher: PasswordHasher,
    private readonly passwordPolicy: PasswordPolicy,
    private readonly metrics: Metrics,
    private readonly events: AccountEvents,
  ) {}

  /** With a password or with a code: exactly one of them. */
  async logIn(
    input: { phone: string; password?: string; code?: string },
    origin: SessionOrigin,
  ): Promise<AuthResult> {
    const { phone, password, code } = input;
    if (password !== undefined && code === undefined) {
      return this.withPassword({ phone, password }, origin);
    }
    if (code !== undefined && password === undefined) return this.withCode({ phone, code }, origin);
    const message = 'send either password or code';
    throw new InvalidParamError('Log in with a password or with a code: exactly one of them', [
      { field: 'password', message },
      { field: 'code', message },
    ]);
  }

  /**
   * One answer, InvalidCredentials, for an unknown phone, an account without a password
   * and a wrong password, each after one argon2 verification. Whether the account is
   * disabled or unverified is told only to someone who knows the password.
   */
  withPassword(
    input: { phone: string; password: string },
    origin: SessionOrigin,
  ): Promise<AuthResult> {
    return this.metrics.logIn('password', () => this.passwordLogIn(input, origin));
  }

  private async passwordLogIn(
    input: { phone: string; password: string },
    origin: SessionOrigin,
  ): Promise<AuthResult> {
    const phone = this.codes.normalizePhone(input.phone).e164;
    // The account is read before a try is taken: a request PostgreSQL could not answer checked
    // no password, so it must not count towards the lock-out of the phone's owner.
    const user = await this.users.findByPhone(phone);
    await this.attempts.take(phone);
    const matches = await this.passwords.matches(user, input.password);
    if (!matches || user === null) throw new InvalidCredentialsError();
    await this.attempts.clear(phone);
    this.rules.assertPasswordLoginAllowed(user);
    return this.signIn(user, origin);
  }

  /**
   * Log-in with username and password (LeanCloud's `/1.1/login`), answered like the phone
   * form. LeanCloud named phone sign-ups by their phone, so a name no account has that reads
   * as a phone number logs in to that phone's account, under the phone log-in rules.
   * Otherwise, like LeanCloud's setting, blocking unverified phones does not apply. Guesses
   * count against the account's phone, or the name when no account has it.
   */
  withUsername(
    input: { username: string; password: string },
    origin: SessionOrigin,
  ): Promise<AuthResult> {
    return this.metrics.logIn('password', () => this.usernameLogIn(input, origin));
  }

  private async usernameLogIn(
    input: { username: string; password: string },
    origin: SessionOrigin,
  ): Promise<AuthResult> {
    const byName = await this.users.findByUsername(input.username);
    const byPhone = byName === null ? await this.findByPhoneLike(input.username) : null;
    const user = byName ?? byPhone;
    const attemptKey = user?.phone ?? `username:${input.username.toLowerCase()}`;
    await this.attempts.take(attemptKey);
    const matches = await this.passwords.matches(user, input.password);
    if (!matches || user === null) throw new InvalidCredentialsError();
    await this.attempts.clear(attemptKey);
    if (byPhone === null) this.rules.assertActive(user);
    else this.rules.assertPasswordLoginAllowed(user);
    return this.signIn(user, origin);
  }

  private async findByPhoneLike(name: string): Promise<User | null> {
    if (!/^\+?[0-9]{5,20}$/.test(name)) return null;
    try {
      return await this.users.findByPhone(this.codes.normalizePhone(name).e164);
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
  }

  /**
   * Log-in with a code, which also verifies the phone. The policy says which purposes' codes
   * it takes and what it does for a phone with no account (`/v1`: a `login` code, and
   * USER_SMS_SIGNUP_ON_LOGIN decides). Everything the route could refuse for (policy,
   * new-account fields, a taken username) is checked before the code is used, so a refused
   * log-in does not burn it. `newAccount` is used only when the code creates the account.
   */
  withCode(
    input: { phone: string; code: string; newAccount?: NewAccountFields },
    origin: SessionOrigin,
    policy: CodeLogInPolicy = V1_CODE_LOG_IN,
  ): Promise<AuthResult> {
    return this.metrics.logIn('sms', () => this.codeLogIn(input, origin, policy));
  }

  private async codeLogIn(
    input: { phone: string; code: string; newAccount?: NewAccountFields },
    origin: SessionOrigin,
    policy: CodeLogInPolicy,
  ): Promise<AuthResult> {
    const phone = this.codes.normalizePhone(input.phone).e164;
    const existing = await this.users.findByPhone(phone);
    this.rules.assertCodeLoginAllowed(existing, policy);
    const newAccount = input.newAccount ?? {};
    if (existing === null) await this.assertCanCreate(newAccount);
    await this.codes.verifyCode({ phone, purpose: policy.purposes, code: input.code });
    await this.attempts.clear(phone);
    if (existing !== null) return this.logInVerified(existing, origin);

    const passwordHash =
      newAccount.password === undefined ? undefined : await this.hasher.hash(newAccount.password);
    try {
      const created = await this.scope.run(async () => {
        const user = await this.users.create({
          phone,
          username: newAccount.username,
          passwordHash,
          mobilePhoneVerified: true,
        });
        await this.events.emit('user.created', createdData(user, 'sms'));
        return { user, sessionToken: await this.sessions.open(user.id, origin) };
      });
      this.metrics.signedUp('sms');
      return created;
    } catch (error) {
      if (!(error instanceof PhoneTakenError)) throw error;
      // A concurrent request created the account; the code proved this phone, so log in to it.
      const created = await this.users.findByPhone(phone);
      if (created === null) throw error;
      return this.logInVerified(created, origin);
    }
  }

  /**
   * Whether a code log-in may sign this phone up or log in to its account, by the rules of
   * `withCode` with this policy: for the checks before a log-in code is sent. `phone` is E.164.
   */
  async assertCodeLogInAllowed(phone: string, policy: CodeLogInPolicy): Promise<void> {
    this.rules.assertCodeLoginAllowed(await this.users.findByPhone(phone), policy);
  }

  /** Advisory, so a foreseeable conflict does not use up the code; the database decides races. */
  private async assertCanCreate(fields: NewAccountFields): Promise<void> {
    assertValidNewAccountFields(fields, this.passwordPolicy.minLength);
    if (fields.username !== undefined && (await this.users.usernameTaken(fields.username))) {
      throw new UsernameTakenError();
    }
  }

  private logInVerified(user: User, origin: SessionOrigin): Promise<AuthResult> {
    this.rules.assertActive(user);
    // A verified account's log-in writes plain statements only (its session and event): a
    // direct transaction, without Prisma's machinery. Claiming an unverified one updates the
    // account through Prisma.
    const work = async (): Promise<AuthResult> => {
      const verified = user.mobilePhoneVerified ? user : await this.claimUnverified(user);
      const sessionToken = await this.sessions.open(user.id, origin);
      await this.events.emit('user.signed_in', { userId: user.id, method: 'sms' });
      return { user: verified, sessionToken };
    };
    return user.mobilePhoneVerified ? this.scope.runDirect(work) : this.scope.run(work);
  }

  /** A password log-in's session, and its event in the same transaction (plain statements). */
  private signIn(user: User, origin: SessionOrigin): Promise<AuthResult> {
    return this.scope.runDirect(async () => {
      const sessionToken = await this.sessions.open(user.id, origin);
      await this.events.emit('user.signed_in', { userId: user.id, method: 'password' });
      return { user, sessionToken };
    });
  }

  /**
   * The first code to an unverified account proves who holds the phone. Whoever set
   * its password or opened its sessions before never did (a pre-registration with
   * someone else's number, a recycled number), so both are dropped: the holder sets
   * a password again by SMS reset.
   */
  private async claimUnverified(user: User): Promise<User> {
    await this.sessions.revokeAll(user.id, 'phone_claimed');
    const claimed = await this.users.update(user.id, {
      mobilePhoneVerified: true,
      passwordHash: null,
    });
    await this.events.emit('user.phone_verified', {
      userId: user.id,
      phone: claimed.phone,
      by: 'code',
    });
    return claimed;
  }
}
