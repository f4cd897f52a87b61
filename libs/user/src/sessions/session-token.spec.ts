import { createHash } from 'node:crypto';
import { hashSessionToken, isWellFormedSessionToken, newSessionToken } from './session-token';

describe('session tokens', () => {
  it('are 32 random bytes in base64url', () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newSessionToken()).not.toBe(token);
  });

  it('are stored as their SHA-256', () => {
    const token = newSessionToken();
    expect(hashSessionToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashSessionToken(token)).not.toContain(token);
  });

  it.each([
    ['empty', ''],
    ['too short', 'abc'],
    ['one character too long', `${'a'.repeat(43)}b`],
    ['padded base64', `${'a'.repeat(42)}=`],
    ['non-url alphabet', `${'a'.repeat(42)}+`],
  ])('refuses a malformed token (%s) without a lookup', (_kind, token) => {
    expect(isWellFormedSessionToken(token)).toBe(false);
  });

  it('accepts what it issues', () => {
    expect(isWellFormedSessionToken(newSessionToken())).toBe(true);
  });
});
