import { Injectable } from '@nestjs/common';
import { Session } from '@app/prisma';
import { TransactionScope } from '../persistence/transaction-scope';
import { SessionService } from '../sessions/session.service';
import { UsersRepository } from '../users/users.repository';

/**
 * An operator's view of one account's sessions, and revoking them (a lost phone, a
 * suspected takeover). Each revocation tells `session.revoked` with reason `admin_revoked`,
 * committed with the deletion. An unknown account is UserNotFound, so that an operator
 * with a mistyped id is told so rather than shown an empty list.
 */
@Injectable()
export class UserSessionsAdminService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly scope: TransactionScope,
  ) {}

  /** The account's live sessions, newest first. */
  async list(userId: string): Promise<Session[]> {
    await this.users.getById(userId);
    return this.sessions.list(userId);
  }

  /** SessionNotFound for a session that is not the account's (another's, or gone). */
  revoke(userId: string, sessionId: string): Promise<void> {
    return this.scope.run(async () => {
      await this.users.getById(userId);
      await this.sessions.revokeOne(userId, sessionId, 'admin_revoked');
    });
  }

  /** Every session of the account; none is no error (and tells nothing). */
  revokeAll(userId: string): Promise<void> {
    return this.scope.run(async () => {
      await this.users.getById(userId);
      await this.sessions.revokeAll(userId, 'admin_revoked');
    });
  }
}
