import { Injectable } from '@nestjs/common';
import { Metrics } from '@app/metrics';
import { AttemptBudget, RedisService, takeAttempt } from '@app/redis';
import { usernameKey } from '@app/user';
import { AdminTooManyAttemptsError } from '../admin.errors';

/** The app users' lock-out (libs/user PasswordAttemptLimiter): 5 in 15 minutes from the first. */
const BUDGET: AttemptBudget = { maxAttempts: 5, windowMs: 15 * 60 * 1000 };

/**
 * Sign-in attempts per username, whoever makes them and whether or not the admin exists; a
 * successful sign-in clears the count. Fails closed: without Redis, no password is checked.
 */
@Injectable()
export class AdminSignInLimiter {
  constructor(
    private readonly redis: RedisService,
    private readonly metrics: Metrics,
  ) {}

  async take(username: string): Promise<void> {
    const retryAfterSeconds = await takeAttempt(this.redis, this.key(username), BUDGET);
    if (retryAfterSeconds === undefined) return;
    this.metrics.lockedOut();
    throw new AdminTooManyAttemptsError(retryAfterSeconds);
  }

  async clear(username: string): Promise<void> {
    await this.redis.client.del(this.key(username));
  }

  private key(username: string): string {
    return this.redis.key('admin', 'sign-in-attempts', usernameKey(username));
  }
}
