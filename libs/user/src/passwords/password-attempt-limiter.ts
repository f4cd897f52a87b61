import { Injectable } from '@nestjs/common';
import { Metrics } from '@app/metrics';
import { RedisScript, RedisService } from '@app/redis';
import { TooManyAttemptsError } from '../user.errors';

const MAX_ATTEMPTS = 5;
const WINDOW_MS = 15 * 60 * 1000;

/**
 * Takes one attempt if the phone has some left in its window. Counting before the
 * password is checked means concurrent guesses cannot exceed the limit.
 *
 * KEYS: the phone's counter. ARGV: max attempts, window ms.
 * Returns { 1, 0 } when taken, { 0, ms until the window ends } when exhausted.
 */
const takeAttempt = new RedisScript(`
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= tonumber(ARGV[1]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
  return { 0, ttl }
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return { 1, 0 }
`);

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
    const [taken, retryMs] = (await takeAttempt.run(
      this.redis.client,
      [this.key(phone)],
      [MAX_ATTEMPTS, WINDOW_MS],
    )) as [number, number];
    if (taken === 1) return;
    this.metrics.lockedOut();
    throw new TooManyAttemptsError(Math.max(1, Math.ceil(retryMs / 1000)));
  }

  /** After a right password, or once the phone's owner proved it with a code. */
  async clear(phone: string): Promise<void> {
    await this.redis.client.del(this.key(phone));
  }

  private key(phone: string): string {
    return this.redis.key('user', 'password-attempts', phone);
  }
}
