import { Injectable } from '@nestjs/common';
import { AdminAccount, AdminRole } from '@app/prisma';
import { PasswordHasher } from '@app/user';
import { AdminLastOwnerError } from '../admin.errors';
import { AdminAccountsRepository } from './admin-accounts.repository';

export interface NewAdmin {
  username: string;
  password: string;
  role: AdminRole;
}

export interface AdminChange {
  role?: AdminRole;
  disabled?: boolean;
}

/** What owners do to admin accounts. */
@Injectable()
export class AdminAccountsService {
  constructor(
    private readonly accounts: AdminAccountsRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  list(): Promise<AdminAccount[]> {
    return this.accounts.list();
  }

  async create(admin: NewAdmin): Promise<AdminAccount> {
    const passwordHash = await this.hasher.hash(admin.password);
    return this.accounts.create({ username: admin.username, passwordHash, role: admin.role });
  }

  /**
   * Changes the role or disables; a change that would leave no enabled owner is refused, under
   * the owners' lock so two owners demoting each other at once cannot both succeed.
   */
  update(id: string, change: AdminChange): Promise<AdminAccount> {
    return this.accounts.withOwnersLock(async (client) => {
      const updated = await this.accounts.update(id, change, client);
      if ((await this.accounts.countEnabledOwners(client)) === 0) throw new AdminLastOwnerError();
      return updated;
    });
  }

  /** Sets a new password and voids every console session the admin has open. */
  async resetPassword(id: string, password: string, now = new Date()): Promise<AdminAccount> {
    const passwordHash = await this.hasher.hash(password);
    return this.accounts.update(id, { passwordHash, sessionsRevokedAt: now });
  }
}
