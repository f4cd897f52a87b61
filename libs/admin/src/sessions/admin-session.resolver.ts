import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AdminPrincipal, AdminSessionResolver } from '@app/common';
import { AdminAccountsRepository } from '../accounts/admin-accounts.repository';
import { adminSessionTokenOf } from './admin-session-cookie';
import { AdminSessionStore, sessionIdOf } from './admin-session.store';

/**
 * The named admin behind a request's `admin_session` cookie. The account is read on every
 * request, so a disabled account or a changed role takes effect at once.
 */
@Injectable()
export class AdminCookieSessionResolver extends AdminSessionResolver {
  constructor(
    private readonly store: AdminSessionStore,
    private readonly accounts: AdminAccountsRepository,
  ) {
    super();
  }

  async resolve(request: FastifyRequest): Promise<AdminPrincipal | undefined> {
    const token = adminSessionTokenOf(request);
    if (token === undefined) return undefined;
    const sessionId = sessionIdOf(token);
    const session = await this.store.touch(sessionId);
    if (session === undefined) return undefined;
    const account = await this.accounts.findById(session.adminId);
    const revokedAt = account?.sessionsRevokedAt?.getTime() ?? -Infinity;
    if (account === null || account.disabled || session.createdAt < revokedAt) {
      await this.store.end(sessionId);
      return undefined;
    }
    return {
      kind: 'session',
      adminId: account.id,
      username: account.username,
      role: account.role,
      sessionId,
      csrfToken: session.csrfToken,
    };
  }
}
