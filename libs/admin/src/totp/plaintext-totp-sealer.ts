import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  AdminAccountsRepository,
  type TotpSecretsOfAccount,
} from '../accounts/admin-accounts.repository';
import { TotpSecrets } from './totp-secrets';

/**
 * At start-up, seals the TOTP secrets still stored in plaintext (rows of before the encryption,
 * or written by an older process during a rolling deploy), each by a conditional update, so
 * that processes starting at once seal each row once. Reads take a plaintext secret meanwhile.
 * Also tells loudly of secrets sealed under another key: those admins cannot sign in.
 */
@Injectable()
export class PlaintextTotpSealer implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlaintextTotpSealer.name);

  constructor(
    private readonly accounts: AdminAccountsRepository,
    private readonly secrets: TotpSecrets,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.sealAll();
    } catch (error) {
      // The service runs on: plaintext secrets are still read, and sealed at the next start.
      this.logger.error(`TOTP secrets not sealed at start-up: ${String(error)}`);
    }
  }

  /** The number of accounts whose secrets it sealed. */
  async sealAll(): Promise<number> {
    let sealed = 0;
    for (const account of await this.accounts.listWithTotp()) {
      const stored: TotpSecretsOfAccount = {
        totpSecret: account.totpSecret,
        totpPendingSecret: account.totpPendingSecret,
      };
      const otherKeys = Object.values(stored).flatMap((value) => {
        const other = value === null ? undefined : this.secrets.otherKeyOf(value);
        return other === undefined ? [] : [other];
      });
      if (otherKeys.length > 0) {
        this.logger.error(
          `admin ${account.id}'s TOTP secret is sealed under key ${otherKeys[0]}, not the ` +
            'configured one: that admin cannot sign in until ADMIN_TOTP_ENCRYPTION_KEY is that key',
        );
        continue;
      }
      const values = Object.values(stored);
      if (!values.some((value) => value !== null && !this.secrets.isSealed(value))) continue;
      const next: TotpSecretsOfAccount = {
        totpSecret: this.sealed(account.id, stored.totpSecret),
        totpPendingSecret: this.sealed(account.id, stored.totpPendingSecret),
      };
      if (await this.accounts.replaceTotpSecrets(account.id, stored, next)) sealed += 1;
    }
    if (sealed > 0) this.logger.log(`sealed the plaintext TOTP secrets of ${sealed} admins`);
    return sealed;
  }

  private sealed(adminId: string, value: string | null): string | null {
    return value === null || this.secrets.isSealed(value)
      ? value
      : this.secrets.seal(adminId, value);
  }
}
