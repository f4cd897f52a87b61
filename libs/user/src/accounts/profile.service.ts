import { Injectable } from '@nestjs/common';
import { User } from '@app/prisma';
import { SmsCodeService } from '@app/sms';
import { PhoneAlreadyVerifiedError, PhoneTakenError } from '../user.errors';
import { UsersRepository } from '../users/users.repository';

/** What a signed-in user changes about their own account, except the password. */
@Injectable()
export class ProfileService {
  constructor(
    private readonly codes: SmsCodeService,
    private readonly users: UsersRepository,
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
    return this.users.update(user.id, { mobilePhoneVerified: true });
  }

  /** Moves the account to a new phone, verified by a `change_phone` code sent to it. */
  async changePhone(user: User, input: { phone: string; code?: string }): Promise<User> {
    const phone = this.codes.normalizePhone(input.phone).e164;
    // Advisory, so a foreseeable conflict does not use up the code; the constraint decides.
    if (phone === user.phone || (await this.users.findByPhone(phone)) !== null) {
      throw new PhoneTakenError();
    }
    await this.codes.verifyCode({ phone, purpose: 'change_phone', code: input.code });
    return this.users.update(user.id, { phone, mobilePhoneVerified: true });
  }
}
