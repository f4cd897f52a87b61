import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfigService } from '@app/config';
import { AdminAccount } from '@app/prisma';
import { PasswordHasher } from '@app/user';
import { AdminAccountsRepository } from '../accounts/admin-accounts.repository';
import { AdminSetupDoneError, AdminSetupKeyWrongError } from '../admin.errors';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export interface FirstOwner {
  username: string;
  password: string;
}

/** The first owner: made once, by whoever holds ADMIN_API_KEY (the setup page or admin:create). */
@Injectable()
export class AdminSetupService {
  constructor(
    private readonly accounts: AdminAccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfigService,
  ) {}

  async needed(): Promise<boolean> {
    return (await this.accounts.countOwners()) === 0;
  }

  /** Checks the key, then creates the owner unless one exists (under the owners' lock). */
  async createFirstOwner(apiKey: string, owner: FirstOwner): Promise<AdminAccount> {
    if (!timingSafeEqual(digest(apiKey), digest(this.config.get('ADMIN_API_KEY')))) {
      throw new AdminSetupKeyWrongError();
    }
    return this.createOwnerIfNone(owner);
  }

  /** For the operator's command line, which holds the database already. */
  async createOwnerIfNone(owner: FirstOwner): Promise<AdminAccount> {
    const passwordHash = await this.hasher.hash(owner.password);
    return this.accounts.withOwnersLock(async (client) => {
      if ((await this.accounts.countOwners(client)) > 0) throw new AdminSetupDoneError();
      return this.accounts.create(
        { username: owner.username, passwordHash, role: 'owner' },
        client,
      );
    });
  }
}
