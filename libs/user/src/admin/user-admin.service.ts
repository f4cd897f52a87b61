import { Injectable } from '@nestjs/common';
import { User } from '@app/prisma';
import { PhoneNormalizer } from '@app/phone';
import { AccountEvents } from '../events/account-events';
import { TransactionScope } from '../persistence/transaction-scope';
import { SessionService } from '../sessions/session.service';
import { UserPage, UsersRepository } from '../users/users.repository';

export interface AdminUserChanges {
  disabled?: boolean;
  mobilePhoneVerified?: boolean;
}

@Injectable()
export class UserAdminService {
  constructor(
    private readonly phones: PhoneNormalizer,
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly scope: TransactionScope,
    private readonly events: AccountEvents,
  ) {}

  list(filter: { phone?: string }, page: number, pageSize: number): Promise<UserPage> {
    const phone = filter.phone === undefined ? undefined : this.phones.normalize(filter.phone);
    return this.users.list({ phone: phone?.e164 }, page, pageSize);
  }

  find(userId: string): Promise<User | null> {
    return this.users.findById(userId);
  }

  /**
   * Disabling an account also revokes all of its sessions, in the same transaction. Events
   * tell of what changed (disabling a disabled account tells nothing).
   */
  async update(userId: string, changes: AdminUserChanges): Promise<User> {
    if (changes.disabled === undefined && changes.mobilePhoneVerified === undefined) {
      return this.users.getById(userId);
    }
    return this.scope.run(async () => {
      const before = await this.users.findById(userId);
      const user = await this.users.update(userId, changes);
      if (changes.disabled === true) {
        await this.sessions.revokeAll(userId, 'user_disabled');
        if (before?.disabled === false) await this.events.emit('user.disabled', { userId });
      }
      if (changes.mobilePhoneVerified === true && before?.mobilePhoneVerified === false) {
        const phone = user.phone;
        await this.events.emit('user.phone_verified', { userId, phone, by: 'admin' });
      }
      return user;
    });
  }
}
