import { Injectable } from '@nestjs/common';
import { RedisService } from '@app/redis';
import { totpStepOf } from './totp';

/** A code stays refused for the steps it could still be accepted in (now ± one period). */
const USED_CODE_TTL_MS = 3 * 30_000;

/** TOTP codes, each accepted once: a code seen over a shoulder or a proxy cannot sign in again. */
@Injectable()
export class TotpCheck {
  constructor(private readonly redis: RedisService) {}

  async accepts(adminId: string, secret: string, code: string): Promise<boolean> {
    const step = await totpStepOf(secret, code);
    if (step === undefined) return false;
    const key = this.redis.key('admin', 'totp-used', adminId, step);
    return (await this.redis.client.set(key, '1', 'PX', USED_CODE_TTL_MS, 'NX')) === 'OK';
  }
}
