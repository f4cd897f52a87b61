import { Injectable } from '@nestjs/common';
import { AdminAccount, AdminRole, Prisma, PrismaService } from '@app/prisma';
import { usernameKey } from '@app/user';
import { AdminNotFoundError, AdminUsernameTakenError } from '../admin.errors';

export type TotpSecretsOfAccount = Pick<AdminAccount, 'totpSecret' | 'totpPendingSecret'>;

export interface NewAdminAccount {
  username: string;
  passwordHash: string;
  role: AdminRole;
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

const isMissingRow = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';

/** The admin_accounts table. */
@Injectable()
export class AdminAccountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Inserts an account; the unique username key turns a taken name into AdminUsernameTaken. */
  async create(
    account: NewAdminAccount,
    client: Prisma.TransactionClient = this.prisma,
  ): Promise<AdminAccount> {
    try {
      return await client.adminAccount.create({
        data: { ...account, usernameKey: usernameKey(account.username) },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AdminUsernameTakenError();
      throw error;
    }
  }

  findByUsername(username: string): Promise<AdminAccount | null> {
    return this.prisma.adminAccount.findUnique({ where: { usernameKey: usernameKey(username) } });
  }

  findById(id: string): Promise<AdminAccount | null> {
    return this.prisma.adminAccount.findUnique({ where: { id } });
  }

  async getById(id: string): Promise<AdminAccount> {
    const account = await this.findById(id);
    if (account === null) throw new AdminNotFoundError();
    return account;
  }

  list(): Promise<AdminAccount[]> {
    return this.prisma.adminAccount.findMany({ orderBy: { createdAt: 'asc' } });
  }

  /** The accounts with a TOTP secret, confirmed or pending. */
  listWithTotp(): Promise<Pick<AdminAccount, 'id' | 'totpSecret' | 'totpPendingSecret'>[]> {
    return this.prisma.adminAccount.findMany({
      where: { OR: [{ totpSecret: { not: null } }, { totpPendingSecret: { not: null } }] },
      select: { id: true, totpSecret: true, totpPendingSecret: true },
    });
  }

  /**
   * Replaces an account's TOTP secrets if they are still `expected`: false when a change came
   * between (an enrolment, a removal), which then stands.
   */
  async replaceTotpSecrets(
    id: string,
    expected: TotpSecretsOfAccount,
    next: TotpSecretsOfAccount,
  ): Promise<boolean> {
    const { count } = await this.prisma.adminAccount.updateMany({
      where: { id, ...expected },
      data: next,
    });
    return count === 1;
  }

  /** Owners, enabled or not: the first owner's setup is open while there is none. */
  countOwners(client: Prisma.TransactionClient = this.prisma): Promise<number> {
    return client.adminAccount.count({ where: { role: 'owner' } });
  }

  /** Enabled owners, counted inside the caller's transaction (under its lock). */
  countEnabledOwners(client: Prisma.TransactionClient = this.prisma): Promise<number> {
    return client.adminAccount.count({ where: { role: 'owner', disabled: false } });
  }

  async update(
    id: string,
    data: Prisma.AdminAccountUpdateInput,
    client: Prisma.TransactionClient = this.prisma,
  ): Promise<AdminAccount> {
    try {
      return await client.adminAccount.update({ where: { id }, data });
    } catch (error) {
      if (isMissingRow(error)) throw new AdminNotFoundError();
      throw error;
    }
  }

  /**
   * Runs `work` holding the lock that serialises changes to who is an owner: the first owner's
   * setup, and demoting or disabling an owner, so that two at once cannot both pass the check.
   */
  withOwnersLock<T>(work: (client: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (client) => {
        await client.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('admin_accounts.owners'))`;
        return work(client);
      },
      { timeout: 10_000, maxWait: 5_000 },
    );
  }
}
