import { Injectable } from '@nestjs/common';
import { TransactionScope } from '../persistence/transaction-scope';

/** A new account row of an import; dates as ISO strings, which PostgreSQL casts. */
export interface LegacyUserRow {
  id: string;
  phone: string;
  username: string | null;
  usernameKey: string | null;
  mobilePhoneVerified: boolean;
  legacyId: string;
  legacyPasswordHash: string | null;
  legacyPasswordSalt: string | null;
  createdAt: string;
  updatedAt: string;
}

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
   * Raw SQL over `unnest` of one array per column: a single statement with ten parameters,
   * where Prisma's createMany builds thousands (measured: 200 ms against 20 ms per 500 rows).
   */
  async insertMany(rows: LegacyUserRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const column = <K extends keyof LegacyUserRow>(key: K): Array<LegacyUserRow[K]> =>
      rows.map((row) => row[key]);
    const inserted = await this.scope.db.$queryRaw<Array<{ legacy_id: string }>>`
      INSERT INTO "users" ("id", "phone", "username", "username_key", "mobile_phone_verified",
        "legacy_id", "legacy_password_hash", "legacy_password_salt", "created_at", "updated_at")
      SELECT * FROM unnest(
        ${column('id')}::uuid[], ${column('phone')}::text[], ${column('username')}::text[],
        ${column('usernameKey')}::text[], ${column('mobilePhoneVerified')}::boolean[],
        ${column('legacyId')}::text[], ${column('legacyPasswordHash')}::text[],
        ${column('legacyPasswordSalt')}::text[], ${column('createdAt')}::timestamptz[],
        ${column('updatedAt')}::timestamptz[])
      ON CONFLICT DO NOTHING
      RETURNING "legacy_id"`;
    return new Set(inserted.map((row) => row.legacy_id));
  }
}
