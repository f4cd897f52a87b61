import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-512 rounds after the first, as LeanCloud's dashboard guide publishes the algorithm. */
const EXTRA_ROUNDS = 512;
const SHA512_BYTES = 64;
/** base64 of 64 bytes. */
const STORED_FORM = /^[A-Za-z0-9+/]{86}==$/;

/**
 * The password hash of a LeanCloud `_User` export: `v = sha512(salt + password)` (UTF-8),
 * then 512 times `v = sha512(v)`, stored as base64.
 */
export function leanCloudPasswordHash(salt: string, password: string): string {
  let digest = createHash('sha512').update(salt, 'utf8').update(password, 'utf8').digest();
  for (let round = 0; round < EXTRA_ROUNDS; round++) {
    digest = createHash('sha512').update(digest).digest();
  }
  return digest.toString('base64');
}

/** Whether a value has the form of such a hash (base64 of a SHA-512 digest). */
export function isLeanCloudPasswordHash(value: string): boolean {
  return STORED_FORM.test(value);
}

/** Checks a password against an exported hash and salt, in constant time. */
export function verifyLeanCloudPassword(
  password: string,
  stored: { hash: string; salt: string },
): boolean {
  if (!isLeanCloudPasswordHash(stored.hash)) return false;
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = Buffer.from(leanCloudPasswordHash(stored.salt, password), 'base64');
  return expected.length === SHA512_BYTES && timingSafeEqual(actual, expected);
}
