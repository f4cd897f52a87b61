import { Injectable } from '@nestjs/common';
import { SmsCodeService } from '@app/codes';
import type { SignUpMethod, UserCreatedData } from '@app/events';
import { Metrics } from '@app/metrics';
import type { User } from '@app/prisma';
import { AccountEvents } from '../events/account-events';
import { PasswordHasher } from '../passwords/password-hasher';
import { PasswordPolicy } from '../passwords/password-policy';
import { TransactionScope } from '../persistence/transaction-scope';
import { SessionOrigin, SessionService } from '../sessions/session.service';
import { PhoneTakenError, UsernameTakenError } from '../user.errors';
import { UsersRepository } from '../users/users.repository';
import { AuthResult } from './auth-result';

export interface SignUpInput {
  phone: string;
  code?: string;
  password?: string;
  username?: string;
}

@Injectable()
export class SignUpService {
  constructor(
    private readonly codes: SmsCodeService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly scope: TransactionScope,
    private readonly metrics: Metrics,
    private readonly events: AccountEvents,
  ) {}

  /** Creates an account whose phone the `signup` code verifies, and signs it in. */
  async signUp(input: SignUpInput, origin: SessionOrigin): Promise<AuthResult> {
    if (input.password !== undefined) this.policy.assertAcceptable(input.password, 'password');
    const phone = this.codes.normalizePhone(input.phone).e164;
    // Advisory, so that a foreseeable conflict does not use up the code; the unique
    // constraints decide when two sign-ups race.
    if ((await this.users.findByPhone(phone)) !== null) throw new PhoneTakenError();
    if (input.username !== undefined && (await this.users.usernameTaken(input.username))) {
      throw new UsernameTakenError();
    }
    await this.codes.verifyCode({ phone, purpose: 'signup', code: input.code });
    const passwordHash =
      input.password === undefined ? undefined : await this.hasher.hash(input.password);

    const signedUp = await this.scope.run(async () => {
      const user = await this.users.create({
        phone,
        username: input.username,
        passwordHash,
        mobilePhoneVerified: true,
      });
      await this.events.emit('user.created', createdData(user, 'sms'));
      return { user, sessionToken: await this.sessions.open(user.id, origin) };
    });
    this.metrics.signedUp('sms');
    return signedUp;
  }

  /**
   * LeanCloud's sign-up (`POST /1.1/users`): username and password, no code, so the phone
   * stays unverified until a `verify_phone` code proves it (USER_BLOCK_UNVERIFIED_LOGIN
   * decides whether such an account may log in with its phone meanwhile).
   */
  async signUpWithPassword(
    input: { phone: string; username: string; password: string },
    origin: SessionOrigin,
  ): Promise<AuthResult> {
    this.policy.assertAcceptable(input.password, 'password');
    const phone = this.codes.normalizePhone(input.phone).e164;
    const passwordHash = await this.hasher.hash(input.password);
    const signedUp = await this.scope.run(async () => {
      const user = await this.users.create({
        phone,
        username: input.username,
        passwordHash,
        mobilePhoneVerified: false,
      });
      await this.events.emit('user.created', createdData(user, 'password'));
      return { user, sessionToken: await this.sessions.open(user.id, origin) };
    });
    this.metrics.signedUp('password');
    return signedUp;
  }
}

/** What `user.created` tells of a new account (never its password hash). */
export function createdData(user: User, method: SignUpMethod): UserCreatedData {
  return {
    userId: user.id,
    phone: user.phone,
    username: user.username,
    mobilePhoneVerified: user.mobilePhoneVerified,
    method,
  };
}
