import { Injectable } from '@nestjs/common';
import { Session, User } from '@app/prisma';
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

  async create(session: NewSession): Promise<void> {
    await this.scope.db.session.create({
      data: { ...session, lastUsedAt: session.createdAt },
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

  async delete(userId: string, sessionId: string): Promise<void> {
    await this.scope.db.session.deleteMany({ where: { id: sessionId, userId } });
  }

  async deleteAll(userId: string): Promise<void> {
    await this.scope.db.session.deleteMany({ where: { userId } });
  }

  async deleteAllExcept(userId: string, keptSessionId: string): Promise<void> {
    await this.scope.db.session.deleteMany({ where: { userId, id: { not: keptSessionId } } });
  }

  async deleteExpired(userId: string, now: Date): Promise<void> {
    await this.scope.db.session.deleteMany({ where: { userId, expiresAt: { lte: now } } });
  }
}
