import { randomBytes } from 'node:crypto';
import { decodeAes256Key } from './encryption-key';

describe('decodeAes256Key', () => {
  const key = randomBytes(32);

  it('reads 32 bytes from 64 hex digits and from base64, standard or URL-safe', () => {
    expect(decodeAes256Key(key.toString('hex'))).toEqual(key);
    expect(decodeAes256Key(key.toString('hex').toUpperCase())).toEqual(key);
    expect(decodeAes256Key(key.toString('base64'))).toEqual(key);
    expect(decodeAes256Key(key.toString('base64url'))).toEqual(key);
  });

  it.each([
    ['a passphrase', 'correct horse battery staple'],
    ['16 bytes in hex', randomBytes(16).toString('hex')],
    ['48 bytes in base64', randomBytes(48).toString('base64')],
    ['hex with a stray letter', `${key.toString('hex').slice(0, 63)}g`],
    ['an empty text', ''],
  ])('refuses %s', (_name, text) => {
    expect(decodeAes256Key(text)).toBeUndefined();
  });
});
