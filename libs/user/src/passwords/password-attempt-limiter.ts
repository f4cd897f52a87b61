import { Injectable } from '@nestjs/common';
import { Metrics } from '@app/metrics';
import { AttemptBudget, RedisService, takeAttempt } from '@app/redis';
import { TooManyAttemptsError } from '../user.errors';

const BUDGET: AttemptBudget = { maxAttempts: 5, windowMs: 15 * 60 * 1000 };

/**
 * Password guesses per phone: 5 in 15 minutes (a fixed window from the first), whoever
 * guesses and whether or not the phone has an account. A right password clears the
 * count. Fails closed: without Redis, no password is checked (503).
 */
@Injectable()
export class PasswordAttemptLimiter {
  constructor(
    private readonly redis: RedisService,
    private readonly metrics: Metrics,
  ) {}

  /** Takes one attempt for the phone, or throws TooManyAttempts. */
  async take(phone: string): Promise<void> {
    const retryAfterSeconds = await takeAttempt(this.redis, this.key(phone), BUDGET);
    if (retryAfterSeconds === undefined) return;
    this.metrics.lockedOut();
    throw new TooManyAttemptsError(retryAfterSeconds);
  }

  /** After a right password, or once the phone's owner proved it with a code. */
  async clear(phone: string): Promise<void> {
    await this.redis.client.del(this.key(phone));
  }

  private key(phone: string): string {
    return this.redis.key('user', 'password-attempts', phone);
  }
}
