import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Prisma, Session, User } from '@app/prisma';
import { TransactionScope } from '../persistence/transaction-scope';

export interface NewSession {
  userId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  clientIp?: string;
  userAgent?: string;
}

export type SessionWithUser = Session & { user: User };

/** Sessions in PostgreSQL. Revoking a session deletes its row. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly scope: TransactionScope) {}

  /**
   * The new session's id. This and the other statements of opening a session (lockAccount,
   * deleteExpired, deleteAllButNewest) are plain SQL, so a log-in can open its session in a
   * direct transaction (TransactionScope.runDirect).
   */
  async create(session: NewSession): Promise<string> {
    const id = randomUUID();
    await this.scope.sql(Prisma.sql`
      INSERT INTO sessions
        (id, user_id, token_hash, created_at, last_used_at, expires_at, client_ip, user_agent)
      VALUES (${id}::uuid, ${session.userId}::uuid, ${session.tokenHash}, ${session.createdAt},
        ${session.createdAt}, ${session.expiresAt}, ${session.clientIp ?? null},
        ${session.userAgent ?? null})`);
    return id;
  }

  /**
   * Locks the account's row until the transaction ends, so that sessions of one account open
   * one after the other: each then sees every session committed before it, and parallel
   * log-ins cannot all find room under the cap. Other accounts are not held up. NO KEY UPDATE
   * leaves the foreign-key checks of inserted sessions (KEY SHARE) unblocked.
   */
  async lockAccount(userId: string): Promise<void> {
    await this.scope.sql(
      Prisma.sql`SELECT 1 FROM users WHERE id = ${userId}::uuid FOR NO KEY UPDATE`,
    );
  }

  /**
   * Keeps `keptSessionId` and the newest `max - 1` other sessions of the account, deleting the
   * rest (oldest first by creation), in one statement. Answers the ids deleted.
   */
  async deleteAllButNewest(userId: string, keptSessionId: string, max: number): Promise<string[]> {
    return ids(
      await this.scope.sql<SessionIdRow>(Prisma.sql`
        DELETE FROM sessions
        WHERE user_id = ${userId}::uuid AND id IN (
          SELECT id FROM sessions
          WHERE user_id = ${userId}::uuid AND id <> ${keptSessionId}::uuid
          ORDER BY created_at DESC, id DESC
          OFFSET ${max - 1}
        )
        RETURNING id::text`),
    );
  }

  /** The account's sessions, newest first. */
  listOf(userId: string): Promise<Session[]> {
    return this.scope.db.session.findMany({
      where: { userId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  findByTokenHash(tokenHash: string): Promise<SessionWithUser | null> {
    return this.scope.db.session.findUnique({ where: { tokenHash }, include: { user: true } });
  }

  /**
   * Slides the expiry, unless another request did so since `staleBefore`: concurrent
   * requests of one session write at most once per interval.
   */
  async touch(sessionId: string, usedAt: Date, expiresAt: Date, staleBefore: Date): Promise<void> {
    await this.scope.db.session.updateMany({
      where: { id: sessionId, lastUsedAt: { lt: staleBefore } },
      data: { lastUsedAt: usedAt, expiresAt },
    });
  }

  /** Whether the account had this session (another account's id deletes nothing). */
  async delete(userId: string, sessionId: string): Promise<boolean> {
    const { count } = await this.scope.db.session.deleteMany({ where: { id: sessionId, userId } });
    return count > 0;
  }

  /** The ids deleted. */
  async deleteAll(userId: string): Promise<string[]> {
    return ids(
      await this.scope.sql<SessionIdRow>(Prisma.sql`
        DELETE FROM sessions WHERE user_id = ${userId}::uuid RETURNING id::text`),
    );
  }

  /** The ids deleted. */
  async deleteAllExcept(userId: string, keptSessionId: string): Promise<string[]> {
    return ids(
      await this.scope.sql<SessionIdRow>(Prisma.sql`
        DELETE FROM sessions WHERE user_id = ${userId}::uuid AND id <> ${keptSessionId}::uuid
        RETURNING id::text`),
    );
  }

  async deleteExpired(userId: string, now: Date): Promise<void> {
    await this.scope.sql(
      Prisma.sql`DELETE FROM sessions WHERE user_id = ${userId}::uuid AND expires_at <= ${now}`,
    );
  }

  /**
   * Deletes at most `limit` sessions of any account that expired by `now`, by primary key.
   * Rows a request holds (a log-in revoking, a touch) are skipped, left to the next run.
   */
  deleteExpiredBatch(now: Date, limit: number): Promise<number> {
    return this.scope.db.$executeRaw`
      DELETE FROM sessions WHERE id IN (
        SELECT id FROM sessions WHERE expires_at <= ${now}
        LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )`;
  }
}

interface SessionIdRow {
  id: string;
}

function ids(rows: SessionIdRow[]): string[] {
  return rows.map((row) => row.id);
}
