import { Injectable } from '@nestjs/common';
import { countInFixedWindow, RedisService } from '@app/redis';

const DAY_MS = 24 * 60 * 60 * 1000;

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
    // The counter outlives its UTC day a little, so clock skew cannot reset it early.
    const { hits } = await countInFixedWindow(
      this.redis,
      this.redis.key('captcha', 'free', day, clientIp),
      2 * DAY_MS,
    );
    return hits;
  }
}
