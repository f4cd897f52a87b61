import { Injectable } from '@nestjs/common';
import { User } from '@app/prisma';
import { SmsCodeService } from '@app/codes';
import { AccountEvents } from '../events/account-events';
import { TransactionScope } from '../persistence/transaction-scope';
import { PhoneAlreadyVerifiedError, PhoneTakenError, UserNotFoundError } from '../user.errors';
import { UsersRepository } from '../users/users.repository';
import { AccountRules } from './account-rules';
import { PhoneChangeProof, PhoneChangeProofCheck } from './phone-change-proof';

/** `/1.1` under USER_PHONE_CHANGE_PROOF=none: LeanCloud asked for the session and the code only. */
export const NO_PHONE_CHANGE_PROOF = 'not-required';

/** What a signed-in user changes about their own account, except the password. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly codes: SmsCodeService,
    private readonly users: UsersRepository,
    private readonly rules: AccountRules,
    private readonly proofs: PhoneChangeProofCheck,
    private readonly scope: TransactionScope,
    private readonly events: AccountEvents,
  ) {}

  /** `username: null` removes it; leaving it out changes nothing. */
  async update(user: User, changes: { username?: string | null }): Promise<User> {
    if (changes.username === undefined) return user;
    return this.users.update(user.id, { username: changes.username });
  }

  /** Verifies the account's own phone with a `verify_phone` code. */
  async verifyPhone(user: User, code: string | undefined): Promise<User> {
    if (user.mobilePhoneVerified) throw new PhoneAlreadyVerifiedError();
    await this.codes.verifyCode({ phone: user.phone, purpose: 'verify_phone', code });
    return this.markVerified(user);
  }

  /**
   * Verifies the phone of the account that has it, without a session (LeanCloud's
   * `verifyMobilePhone` with `mobilePhoneNumber`): the `verify_phone` code sent to the phone
   * proves it. A wrong code is told before anything about the account, so without a code
   * this says nothing about who has an account; a right code for a request refused anyway
   * (no such account, a disabled one) is checked without being used. Verified already: done.
   */
  async verifyPhoneByCode(input: { phone: string; code?: string }): Promise<User> {
    const phone = this.codes.normalizePhone(input.phone).e164;
    const check = { phone, purpose: 'verify_phone' as const, code: input.code };
    const user = await this.users.findByPhone(phone);
    if (user === null || user.disabled) {
      await this.codes.checkCode(check);
      if (user === null) throw new UserNotFoundError();
      this.rules.assertActive(user);
    }
    await this.codes.verifyCode(check);
    return user.mobilePhoneVerified ? user : this.markVerified(user);
  }

  private markVerified(user: User): Promise<User> {
    return this.scope.run(async () => {
      const verified = await this.users.update(user.id, { mobilePhoneVerified: true });
      await this.events.emit('user.phone_verified', {
        userId: user.id,
        phone: verified.phone,
        by: 'code',
      });
      return verified;
    });
  }

  /**
   * Moves the account to a new phone, verified by a `change_phone` code sent to it, once the
   * account is proven (see PhoneChangeProofCheck). The proof is checked before the new
   * phone's code is used, so a refused proof leaves that code usable.
   */
  async changePhone(
    user: User,
    input: { phone: string; code?: string; proof: PhoneChangeProof | typeof NO_PHONE_CHANGE_PROOF },
  ): Promise<User> {
    const phone = this.codes.normalizePhone(input.phone).e164;
    // Advisory, so a foreseeable conflict does not use up the code; the constraint decides.
    if (phone === user.phone || (await this.users.findByPhone(phone)) !== null) {
      throw new PhoneTakenError();
    }
    const completeProof =
      input.proof === NO_PHONE_CHANGE_PROOF
        ? undefined
        : await this.proofs.check(user, input.proof);
    await this.codes.verifyCode({ phone, purpose: 'change_phone', code: input.code });
    await completeProof?.();
    return this.scope.run(async () => {
      const moved = await this.users.update(user.id, { phone, mobilePhoneVerified: true });
      await this.events.emit('user.phone_changed', {
        userId: user.id,
        phone,
        previousPhone: user.phone,
      });
      return moved;
    });
  }
}
