import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import type { SessionRevocationReason } from '@app/events';
import { Session, User } from '@app/prisma';
import { AccountEvents } from '../events/account-events';
import { TransactionScope } from '../persistence/transaction-scope';
import { SessionInvalidError, SessionNotFoundError, UserDisabledError } from '../user.errors';
import { hashSessionToken, isWellFormedSessionToken, newSessionToken } from './session-token';
import { SessionsRepository } from './sessions.repository';

/** Where a session was opened from, kept for the account's owner and operators. */
export interface SessionOrigin {
  clientIp?: string;
  userAgent?: string;
}

/** The caller of a session route. */
export interface AuthenticatedSession {
  sessionId: string;
  userId: string;
  /** The account as read when the session was checked. */
  user: User;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Last-used time is written at most this often per session: not a write per request. */
const TOUCH_INTERVAL_MS = 60_000;
const USER_AGENT_MAX_LENGTH = 512;

@Injectable()
export class SessionService {
  private readonly ttlMs: number;
  private readonly maxSessions: number;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly scope: TransactionScope,
    private readonly events: AccountEvents,
    config: AppConfigService,
  ) {
    this.ttlMs = config.get('USER_SESSION_TTL_DAYS') * DAY_MS;
    this.maxSessions = config.get('USER_MAX_SESSIONS');
  }

  /**
   * Opens a session for the user and returns its token (shown once, never stored). Past
   * USER_MAX_SESSIONS the oldest sessions are revoked, in the same transaction and under a
   * lock of the account, so parallel log-ins never leave more than the cap.
   */
  async open(userId: string, origin: SessionOrigin): Promise<string> {
    const token = newSessionToken();
    await this.scope.run(async () => {
      await this.sessions.lockAccount(userId);
      // Read after the lock: sessions opened one after the other are created in that order.
      const now = new Date();
      await this.sessions.deleteExpired(userId, now);
      const sessionId = await this.sessions.create({
        userId,
        tokenHash: hashSessionToken(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.ttlMs),
        clientIp: origin.clientIp,
        userAgent: origin.userAgent?.slice(0, USER_AGENT_MAX_LENGTH),
      });
      const evicted = await this.sessions.deleteAllButNewest(userId, sessionId, this.maxSessions);
      await this.revoked(userId, evicted, 'session_limit');
    });
    return token;
  }

  /** The account's live sessions, newest first. */
  async list(userId: string): Promise<Session[]> {
    const now = Date.now();
    const sessions = await this.sessions.listOf(userId);
    return sessions.filter((session) => session.expiresAt.getTime() > now);
  }

  /**
   * Revokes one of the account's sessions (its owner's choice or an operator's, the reason);
   * SessionNotFound for any other id, another account's sessions included.
   */
  async revokeOne(
    userId: string,
    sessionId: string,
    reason: SessionRevocationReason,
  ): Promise<void> {
    await this.scope.run(async () => {
      if (!(await this.sessions.delete(userId, sessionId))) throw new SessionNotFoundError();
      await this.revoked(userId, [sessionId], reason);
    });
  }

  /**
   * The live session of a bearer token, its expiry slid forward. Throws SessionInvalid
   * for a missing, malformed, unknown, expired or revoked token; UserDisabled when the
   * account was disabled.
   */
  async authenticate(token: string | undefined): Promise<AuthenticatedSession> {
    if (token === undefined || !isWellFormedSessionToken(token)) throw new SessionInvalidError();
    const session = await this.sessions.findByTokenHash(hashSessionToken(token));
    if (session === null) throw new SessionInvalidError();

    const now = new Date();
    if (session.expiresAt.getTime() <= now.getTime()) {
      await this.sessions.delete(session.userId, session.id);
      throw new SessionInvalidError();
    }
    if (session.user.disabled) throw new UserDisabledError();

    const staleBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS);
    if (session.lastUsedAt.getTime() < staleBefore.getTime()) {
      const expiresAt = new Date(now.getTime() + this.ttlMs);
      await this.sessions.touch(session.id, now, expiresAt, staleBefore);
    }
    return { sessionId: session.id, userId: session.userId, user: session.user };
  }

  /**
   * Ends every session of the user and opens one new one, in one transaction: LeanCloud's
   * `refreshSessionToken`, after which old tokens no longer work.
   */
  replaceAll(userId: string, origin: SessionOrigin): Promise<string> {
    return this.scope.run(async () => {
      // Locked before the deletes, in the order `open` locks, so two of these cannot deadlock.
      await this.sessions.lockAccount(userId);
      await this.revoked(userId, await this.sessions.deleteAll(userId), 'sessions_replaced');
      return this.open(userId, origin);
    });
  }

  /** Log-out: the session ends (a session already gone is no error). */
  async revoke(userId: string, sessionId: string): Promise<void> {
    await this.scope.run(async () => {
      if (await this.sessions.delete(userId, sessionId)) {
        await this.revoked(userId, [sessionId], 'signed_out');
      }
    });
  }

  /** Joins the caller's transaction, whose change (a password reset...) is the reason. */
  revokeAll(userId: string, reason: SessionRevocationReason): Promise<void> {
    return this.scope.run(async () => {
      await this.revoked(userId, await this.sessions.deleteAll(userId), reason);
    });
  }

  revokeAllExcept(
    userId: string,
    keptSessionId: string,
    reason: SessionRevocationReason,
  ): Promise<void> {
    return this.scope.run(async () => {
      const ended = await this.sessions.deleteAllExcept(userId, keptSessionId);
      await this.revoked(userId, ended, reason);
    });
  }

  /** One `session.revoked` per revocation, naming every session it ended (none: no event). */
  private async revoked(
    userId: string,
    sessionIds: string[],
    reason: SessionRevocationReason,
  ): Promise<void> {
    if (sessionIds.length > 0) {
      await this.events.emit('session.revoked', { userId, sessionIds, reason });
    }
  }
}
