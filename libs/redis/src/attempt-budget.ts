import { RedisScript } from './redis-script';
import { RedisService } from './redis.service';

/**
 * Takes one attempt if the key has some left in its window. Counting before the secret is
 * checked means concurrent guesses cannot exceed the limit.
 *
 * KEYS: the counter. ARGV: max attempts, window ms.
 * Returns { 1, 0 } when taken, { 0, ms until the window ends } when exhausted.
 */
const takeAttemptScript = new RedisScript(`
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= tonumber(ARGV[1]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
  return { 0, ttl }
end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return { 1, 0 }
`);

export interface AttemptBudget {
  maxAttempts: number;
  /** A fixed window that the first attempt opens. */
  windowMs: number;
}

/**
 * Password guesses and the like: undefined when an attempt was taken, else the seconds until
 * the window ends (at least 1). One atomic round trip, shared by every instance.
 */
export async function takeAttempt(
  redis: RedisService,
  key: string,
  budget: AttemptBudget,
): Promise<number | undefined> {
  const [taken, retryMs] = (await takeAttemptScript.run(
    redis.client,
    [key],
    [budget.maxAttempts, budget.windowMs],
  )) as [number, number];
  return taken === 1 ? undefined : Math.max(1, Math.ceil(retryMs / 1000));
}
