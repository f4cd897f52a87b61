import { Injectable } from '@nestjs/common';
import { Prisma } from '@app/prisma';
import { TransactionScope } from '../persistence/transaction-scope';

/** The bulk queries of an import: one round trip per batch, not per row. */
@Injectable()
export class LegacyAccountsRepository {
  constructor(private readonly scope: TransactionScope) {}

  async existingLegacyIds(legacyIds: string[]): Promise<Set<string>> {
    const rows = await this.scope.db.user.findMany({
      where: { legacyId: { in: legacyIds } },
      select: { legacyId: true },
    });
    return new Set(rows.flatMap((row) => (row.legacyId === null ? [] : [row.legacyId])));
  }

  async takenPhones(phones: string[]): Promise<Set<string>> {
    const rows = await this.scope.db.user.findMany({
      where: { phone: { in: phones } },
      select: { phone: true },
    });
    return new Set(rows.map((row) => row.phone));
  }

  async takenUsernameKeys(keys: string[]): Promise<Set<string>> {
    const rows = await this.scope.db.user.findMany({
      where: { usernameKey: { in: keys } },
      select: { usernameKey: true },
    });
    return new Set(rows.flatMap((row) => (row.usernameKey === null ? [] : [row.usernameKey])));
  }

  /**
   * One INSERT for the batch; a row that meets a unique constraint (a concurrent sign-up,
   * a parallel import) is left out, the others go in. Answers the legacy ids inserted.
   */
  async insertMany(rows: Prisma.UserCreateManyInput[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const created = await this.scope.db.user.createManyAndReturn({
      data: rows,
      skipDuplicates: true,
      select: { legacyId: true },
    });
    return new Set(created.flatMap((row) => (row.legacyId === null ? [] : [row.legacyId])));
  }
}
