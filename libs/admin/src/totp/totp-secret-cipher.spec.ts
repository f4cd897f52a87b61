import { randomBytes } from 'node:crypto';
import {
  isSealed,
  openTotpSecret,
  sealedKeyId,
  sealTotpSecret,
  totpKey,
  TotpSecretUnreadableError,
} from './totp-secret-cipher';

describe('the TOTP secret cipher', () => {
  const key = totpKey(randomBytes(32));
  const admin = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('opens what it sealed, and the sealed text holds nothing of the secret', () => {
    const sealed = sealTotpSecret(key, admin, secret);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain(secret.slice(0, 8));
    expect(sealedKeyId(sealed)).toBe(key.id);
    expect(openTotpSecret(key, admin, sealed)).toBe(secret);
  });

  it('seals the same secret differently each time (a random IV)', () => {
    expect(sealTotpSecret(key, admin, secret)).not.toBe(sealTotpSecret(key, admin, secret));
  });

  it('takes a plaintext secret of before the encryption as it is', () => {
    expect(isSealed(secret)).toBe(false);
    expect(sealedKeyId(secret)).toBeUndefined();
    expect(openTotpSecret(key, admin, secret)).toBe(secret);
  });

  it('refuses another key, naming both keys’ ids', () => {
    const other = totpKey(randomBytes(32));
    const sealed = sealTotpSecret(other, admin, secret);
    expect(() => openTotpSecret(key, admin, sealed)).toThrow(TotpSecretUnreadableError);
    expect(() => openTotpSecret(key, admin, sealed)).toThrow(other.id);
  });

  it('refuses a changed byte and a secret moved to another admin’s row', () => {
    const sealed = sealTotpSecret(key, admin, secret);
    // v1 . key id . iv . ciphertext . tag
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    const changed = [...parts.slice(0, 3), flipped.toString('base64url'), parts[4]].join('.');
    expect(() => openTotpSecret(key, admin, changed)).toThrow(TotpSecretUnreadableError);
    const elsewhere = '00000000-0000-4000-8000-000000000000';
    expect(() => openTotpSecret(key, elsewhere, sealed)).toThrow(TotpSecretUnreadableError);
  });

  it('refuses a key of another length', () => {
    expect(() => totpKey(randomBytes(16))).toThrow();
  });
});
