import { RedisScript } from './redis-script';
import { RedisService } from './redis.service';

const countHit = new RedisScript(`
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }
`);

export interface WindowCount {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends. */
  remainingMs: number;
}

/**
 * Counts a hit in a fixed window that the first hit opens: one round trip, atomic, shared by
 * every instance on the Redis. A key left without expiry (never by this code) gets one.
 */
export async function countInFixedWindow(
  redis: RedisService,
  key: string,
  windowMs: number,
): Promise<WindowCount> {
  const [hits, remainingMs] = (await countHit.run(redis.client, [key], [windowMs])) as [
    number,
    number,
  ];
  return { hits, remainingMs };
}
