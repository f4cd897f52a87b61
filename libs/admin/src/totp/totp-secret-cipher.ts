import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** What a sealed secret starts with; a base32 secret (A-Z, 2-7) never holds a `.`. */
const SEALED_PREFIX = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** An AES-256 key and its id: the id sealed beside each secret tells which key sealed it. */
export interface TotpKey {
  readonly key: Buffer;
  readonly id: string;
}

export function totpKey(key: Buffer): TotpKey {
  if (key.length !== 32) throw new Error('a TOTP secret key is 32 bytes');
  const id = createHash('sha256').update('totp-secret-key-id:').update(key).digest('hex');
  return { key, id: id.slice(0, 8) };
}

/** The secret can be told from, or not: a wrong key, a changed byte, another admin's row. */
export class TotpSecretUnreadableError extends Error {}

/** Whether a stored value is sealed (else a plaintext secret of before the encryption). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

/** The id of the key that sealed a stored value; undefined for a plaintext one. */
export function sealedKeyId(stored: string): string | undefined {
  return isSealed(stored) ? stored.slice(SEALED_PREFIX.length).split('.')[0] : undefined;
}

/**
 * `v1.<key id>.<iv>.<ciphertext>.<tag>` (base64url): AES-256-GCM with a random 96-bit IV, the
 * admin's id as additional data, so a secret copied to another admin's row does not open there.
 */
export function sealTotpSecret(key: TotpKey, adminId: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(adminId));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const parts = [iv, sealed, cipher.getAuthTag()].map((part) => part.toString('base64url'));
  return `${SEALED_PREFIX}${key.id}.${parts.join('.')}`;
}

/** The secret a stored value holds; a plaintext one (not sealed yet) is the secret itself. */
export function openTotpSecret(key: TotpKey, adminId: string, stored: string): string {
  if (!isSealed(stored)) return stored;
  const [keyId, iv = '', sealed = '', tag = ''] = stored.slice(SEALED_PREFIX.length).split('.');
  if (keyId !== key.id) {
    throw new TotpSecretUnreadableError(
      `the TOTP secret of admin ${adminId} was sealed under key ${keyId}, the configured key is ` +
        `${key.id}: set ADMIN_TOTP_ENCRYPTION_KEY to the key that sealed it`,
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(adminId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const secret = Buffer.concat([
      decipher.update(Buffer.from(sealed, 'base64url')),
      decipher.final(),
    ]);
    return secret.toString('utf8');
  } catch {
    throw new TotpSecretUnreadableError(
      `the TOTP secret of admin ${adminId} does not open: changed, or moved from another admin`,
    );
  }
}
