import { Injectable } from '@nestjs/common';
import { countInFixedWindow, RedisService } from '@app/redis';
import { unreached } from '../providers/sms-provider';
import type { SendUnreached, SmsProvider } from '../providers/sms-provider';

/** What a provider over its rate is recorded as: not tried, so failover goes on. */
export const OVER_RATE_CODE = 'ProviderRateSpent';

/**
 * A provider's send rate held across every API and worker process: one counter a second per
 * provider in Redis (one round trip, only for a provider with `maxPerSecond`).
 */
@Injectable()
export class ProviderSendRates {
  constructor(private readonly redis: RedisService) {}

  /** Takes one send of this second's allowance; answers why not when it is spent. */
  async overRate(provider: SmsProvider): Promise<SendUnreached | undefined> {
    if (provider.maxPerSecond === undefined) return undefined;
    const second = Math.floor(Date.now() / 1000);
    // A vendor's voice product has its own allowance, apart from its SMS under the same name.
    const name =
      provider.channel === 'sms' ? provider.name : `${provider.channel}:${provider.name}`;
    const key = this.redis.key('delivery', 'rate', name, String(second));
    let hits: number;
    try {
      ({ hits } = await countInFixedWindow(this.redis, key, 2000));
    } catch {
      // The rate cannot be read (Redis away or slow): the provider is not tried, which sends
      // nothing it could not take, and failover goes on.
      return unreached(OVER_RATE_CODE, `${provider.name}: its send rate could not be read`);
    }
    if (hits <= provider.maxPerSecond) return undefined;
    return unreached(OVER_RATE_CODE, `${provider.name} takes ${provider.maxPerSecond} a second`);
  }

  /** Milliseconds until the next second's allowance. */
  static untilNextSecond(now = Date.now()): number {
    return 1000 - (now % 1000);
  }
}
