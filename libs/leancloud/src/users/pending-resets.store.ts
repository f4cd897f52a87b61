import { Injectable } from '@nestjs/common';
import { RedisService } from '@app/redis';

/**
 * SDK 4.15.2's `resetPasswordBySmsCode(code, password)` sends no phone, and codes are kept
 * per phone. So the phones a client address asked reset codes for are remembered for the
 * code's lifetime; a phone-less reset is read as for that phone only when the address asked
 * for exactly one. Nothing is ever tried against other phones' codes.
 */
@Injectable()
export class PendingResetsStore {
  constructor(private readonly redis: RedisService) {}

  async remember(clientIp: string, phone: string, ttlSeconds: number): Promise<void> {
    const key = this.key(clientIp);
    await this.redis.client.multi().sadd(key, phone).expire(key, ttlSeconds).exec();
  }

  /** The one phone this address has a pending reset for, if exactly one. */
  async onlyPhone(clientIp: string): Promise<string | undefined> {
    const phones = await this.redis.client.smembers(this.key(clientIp));
    return phones.length === 1 ? phones[0] : undefined;
  }

  async forget(clientIp: string, phone: string): Promise<void> {
    await this.redis.client.srem(this.key(clientIp), phone);
  }

  private key(clientIp: string): string {
    return this.redis.key('leancloud', 'pending-resets', clientIp);
  }
}
