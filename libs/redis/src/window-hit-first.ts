import type { RedisClient } from './redis-client';
import { RedisScript } from './redis-script';
import { countInFixedWindow, FIXED_WINDOW_HIT_LUA, WindowCount } from './fixed-window-counter';
import type { RedisService } from './redis.service';

/**
 * A fixed-window hit a caller still owes (the per-IP throttler's, left on the request for the
 * route's own script to count): where, how long a window, how many hits it allows, and what to
 * do with the count (throw to refuse the request).
 */
export interface PendingWindowHit {
  readonly key: string;
  readonly windowMs: number;
  readonly limit: number;
  /**
   * The hit is on its way to Redis: no longer owed, whatever comes back (a script that timed
   * out may have counted it, and counting it again would wait on the same Redis once more).
   */
  claim(): void;
  settle(count: WindowCount): void;
}

/**
 * A script that can count a pending hit first, in the same round trip: past the hit's limit
 * it does nothing else. The script's own source runs unchanged, as a function of its keys and
 * arguments (the hit's key and its two arguments come first and are not passed on).
 */
export class WindowHitFirstScript {
  private readonly alone: RedisScript;
  private readonly hitFirst: RedisScript;

  constructor(source: string) {
    this.alone = new RedisScript(source);
    this.hitFirst = new RedisScript(`
local function script(KEYS, ARGV)
${source}
end
${FIXED_WINDOW_HIT_LUA}
if hits > tonumber(ARGV[2]) then return { hits, ttl } end
local result = script({ unpack(KEYS, 2) }, { unpack(ARGV, 3) })
table.insert(result, 1, ttl)
table.insert(result, 1, hits)
return result
`);
  }

  /**
   * Runs the script, after `hit` when given, and answers the script's own result. The hit is
   * settled before the result is read: a refusal is thrown and the script did not run.
   */
  async run(
    client: RedisClient,
    keys: string[],
    args: Array<string | number>,
    hit?: PendingWindowHit,
  ): Promise<unknown[]> {
    if (hit === undefined) return (await this.alone.run(client, keys, args)) as unknown[];
    hit.claim();
    const [hits, remainingMs, ...result] = (await this.hitFirst.run(
      client,
      [hit.key, ...keys],
      [hit.windowMs, hit.limit, ...args],
    )) as [number, number, ...unknown[]];
    hit.settle({ hits, remainingMs });
    return result;
  }
}

/**
 * Counts a pending hit on its own round trip: where the script cannot (its keys in other
 * hash slots of a Redis Cluster), or when the request ends before its script ran.
 */
export async function countPendingHit(redis: RedisService, hit: PendingWindowHit): Promise<void> {
  hit.claim();
  hit.settle(await countInFixedWindow(redis, hit.key, hit.windowMs));
}
