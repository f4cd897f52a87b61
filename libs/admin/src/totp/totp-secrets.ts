import { Injectable } from '@nestjs/common';
import { hkdfSync } from 'node:crypto';
import { AppConfigService, decodeAes256Key } from '@app/config';
import {
  isSealed,
  openTotpSecret,
  sealedKeyId,
  sealTotpSecret,
  TotpKey,
  totpKey,
} from './totp-secret-cipher';

/**
 * Admins' TOTP secrets sealed at rest under ADMIN_TOTP_ENCRYPTION_KEY, or when it is unset a
 * key derived from ADMIN_API_KEY (as SMS_CODE_SECRET is): a database dump alone signs no one in.
 */
@Injectable()
export class TotpSecrets {
  private readonly key: TotpKey;

  constructor(config: AppConfigService) {
    const explicit = config.get('ADMIN_TOTP_ENCRYPTION_KEY');
    // Validated at start-up (IsAes256Key): an explicit key decodes.
    const key =
      explicit !== undefined
        ? decodeAes256Key(explicit)
        : Buffer.from(hkdfSync('sha256', config.get('ADMIN_API_KEY'), '', 'admin-totp-secret', 32));
    if (key === undefined) throw new Error('ADMIN_TOTP_ENCRYPTION_KEY is not a 32-byte key');
    this.key = totpKey(key);
  }

  seal(adminId: string, secret: string): string {
    return sealTotpSecret(this.key, adminId, secret);
  }

  /** Throws TotpSecretUnreadableError for a secret sealed under another key, or changed. */
  open(adminId: string, stored: string): string {
    return openTotpSecret(this.key, adminId, stored);
  }

  isSealed(stored: string): boolean {
    return isSealed(stored);
  }

  /** The id of the other key a stored value was sealed under; undefined for this key's or plaintext. */
  otherKeyOf(stored: string): string | undefined {
    const id = sealedKeyId(stored);
    return id === this.key.id ? undefined : id;
  }
}
