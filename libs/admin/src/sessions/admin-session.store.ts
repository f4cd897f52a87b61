import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfigService } from '@app/config';
import { RedisService } from '@app/redis';

/** What Redis keeps of a console session; the token itself is only in the admin's cookie. */
export interface StoredAdminSession {
  adminId: string;
  csrfToken: string;
  /** Epoch ms: a password reset voids the sessions opened before it. */
  createdAt: number;
}

export interface OpenedAdminSession {
  token: string;
  session: StoredAdminSession;
}

/** Console sessions in Redis under the SHA-256 of their token, with a sliding idle expiry. */
@Injectable()
export class AdminSessionStore {
  private readonly idleMs: number;

  constructor(
    private readonly redis: RedisService,
    config: AppConfigService,
  ) {
    this.idleMs = config.get('ADMIN_SESSION_IDLE_MINUTES') * 60_000;
  }

  async open(adminId: string, now: number): Promise<OpenedAdminSession> {
    const token = randomBytes(32).toString('base64url');
    const session = { adminId, csrfToken: randomBytes(32).toString('base64url'), createdAt: now };
    await this.redis.client.set(
      this.key(sessionIdOf(token)),
      JSON.stringify(session),
      'PX',
      this.idleMs,
    );
    return { token, session };
  }

  /** The session of a token, its idle expiry pushed back; undefined when unknown or expired. */
  async touch(sessionId: string): Promise<StoredAdminSession | undefined> {
    const stored = await this.redis.client.getex(this.key(sessionId), 'PX', this.idleMs);
    return stored === null ? undefined : (JSON.parse(stored) as StoredAdminSession);
  }

  /** The session, its expiry left as it is; undefined when unknown or expired. */
  async find(sessionId: string): Promise<StoredAdminSession | undefined> {
    const stored = await this.redis.client.get(this.key(sessionId));
    return stored === null ? undefined : (JSON.parse(stored) as StoredAdminSession);
  }

  async end(sessionId: string): Promise<void> {
    await this.redis.client.del(this.key(sessionId));
  }

  private key(sessionId: string): string {
    return this.redis.key('admin', 'session', sessionId);
  }
}

/** A session's id: the SHA-256 of its token, so that Redis never holds a usable token. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
