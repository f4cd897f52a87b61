import { Injectable } from '@nestjs/common';
import { User } from '@app/prisma';
import { SmsCodeService } from '@app/codes';
import { AccountPassword, hasPassword } from '../passwords/account-password';
import { PasswordAttemptLimiter } from '../passwords/password-attempt-limiter';
import { PhoneChangeProofRequiredError, WrongPasswordError } from '../user.errors';

/**
 * What proves the account, besides its session, before its phone moves: a stolen session
 * alone must not let anyone take the account over for good by moving it to their own phone.
 */
export interface PhoneChangeProof {
  /** For an account with a password: that password. */
  currentPassword?: string;
  /** For an account without one: a `change_phone_confirm` code sent to its current phone. */
  currentPhoneCode?: string;
}

/** Uses up what the proof spent once the change is sure to go ahead. */
export type CompleteProof = () => Promise<void>;

const NOTHING_TO_COMPLETE: CompleteProof = () => Promise.resolve();

@Injectable()
export class PhoneChangeProofCheck {
  constructor(
    private readonly codes: SmsCodeService,
    private readonly passwords: AccountPassword,
    private readonly attempts: PasswordAttemptLimiter,
  ) {}

  /**
   * Throws PhoneChangeProofRequired without the proof the account calls for, WrongPassword
   * (guesses counted against the phone like log-in guesses) or a code error for a wrong one.
   * The old phone's code is only checked here (wrong tries count): it is used up by the
   * returned step, after the new phone's code, so a mistyped new code does not cost it.
   */
  async check(user: User, proof: PhoneChangeProof): Promise<CompleteProof> {
    if (hasPassword(user)) {
      if (proof.currentPassword === undefined) throw new PhoneChangeProofRequiredError(true);
      await this.attempts.take(user.phone);
      if (!(await this.passwords.matches(user, proof.currentPassword))) {
        throw new WrongPasswordError();
      }
      await this.attempts.clear(user.phone);
      return NOTHING_TO_COMPLETE;
    }
    if (proof.currentPhoneCode === undefined) throw new PhoneChangeProofRequiredError(false);
    const oldPhoneCode = {
      phone: user.phone,
      purpose: 'change_phone_confirm' as const,
      code: proof.currentPhoneCode,
    };
    await this.codes.checkCode(oldPhoneCode);
    return async () => {
      await this.codes.verifyCode(oldPhoneCode);
    };
  }
}
