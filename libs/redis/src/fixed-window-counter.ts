import { RedisScript } from './redis-script';
import { RedisService } from './redis.service';

/**
 * One hit in the fixed window of KEYS[1], ARGV[1] ms long, that the first hit opens; sets
 * `hits` and `ttl` (ms left). A key left without expiry (never by this code) gets one. Shared
 * with the scripts that count the hit before their own work (window-hit-first.ts).
 */
export const FIXED_WINDOW_HIT_LUA = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
`;

const countHit = new RedisScript(`${FIXED_WINDOW_HIT_LUA}
return { hits, ttl }
`);

export interface WindowCount {
  /** Hits in the current window, this one included. */
  hits: number;
  /** Milliseconds until the window ends. */
  remainingMs: number;
}

/** Counts a hit in a fixed window: one round trip, atomic, shared by every instance on the Redis. */
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
