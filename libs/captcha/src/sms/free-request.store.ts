import { Injectable } from '@nestjs/common';
import { RedisScript, RedisService } from '@app/redis';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Counts one request and returns the count; the counter outlives its UTC day a little. */
const countRequest = new RedisScript(`
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`);

/**
 * For `SMS_CAPTCHA_AFTER`: how many requests for a code a client IP has made today (UTC)
 * without a captcha. Counting and reading are one atomic INCR, so parallel requests cannot
 * all see the same count and slip past the limit together.
 */
@Injectable()
export class FreeRequestStore {
  constructor(private readonly redis: RedisService) {}

  /** Counts this request; returns how many captcha-free requests the IP has made today. */
  async countRequest(clientIp: string, nowMs = Date.now()): Promise<number> {
    const day = new Date(nowMs).toISOString().slice(0, 10).replaceAll('-', '');
    return (await countRequest.run(
      this.redis.client,
      [this.redis.key('captcha', 'free', day, clientIp)],
      [2 * DAY_MS],
    )) as number;
  }
}
