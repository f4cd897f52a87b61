import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '@app/redis';
import { AdminTotpUnreadableError } from '../admin.errors';
import { totpStepOf } from './totp';
import { TotpSecretUnreadableError } from './totp-secret-cipher';
import { TotpSecrets } from './totp-secrets';

/** A code stays refused for the steps it could still be accepted in (now ± one period). */
const USED_CODE_TTL_MS = 3 * 30_000;

/** TOTP codes, each accepted once: a code seen over a shoulder or a proxy cannot sign in again. */
@Injectable()
export class TotpCheck {
  private readonly logger = new Logger(TotpCheck.name);

  constructor(
    private readonly redis: RedisService,
    private readonly secrets: TotpSecrets,
  ) {}

  /** Whether `code` is the code now of the secret `stored` holds (sealed, as the row keeps it). */
  async accepts(adminId: string, stored: string, code: string): Promise<boolean> {
    const step = await totpStepOf(this.secretOf(adminId, stored), code);
    if (step === undefined) return false;
    const key = this.redis.key('admin', 'totp-used', adminId, step);
    return (await this.redis.client.set(key, '1', 'PX', USED_CODE_TTL_MS, 'NX')) === 'OK';
  }

  private secretOf(adminId: string, stored: string): string {
    try {
      return this.secrets.open(adminId, stored);
    } catch (error) {
      if (!(error instanceof TotpSecretUnreadableError)) throw error;
      this.logger.error(error.message);
      throw new AdminTotpUnreadableError();
    }
  }
}
