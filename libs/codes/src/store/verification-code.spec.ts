import { generateCode, hashCode } from './verification-code';

describe('verification codes', () => {
  it.each([4, 6, 8])('generates %i decimal digits', (length) => {
    for (let i = 0; i < 200; i++)
      expect(generateCode(length)).toMatch(new RegExp(`^\\d{${length}}$`));
  });

  it('uses every digit in every position (no bias toward a subset)', () => {
    const seen = Array.from({ length: 6 }, () => new Set<string>());
    for (let i = 0; i < 2000; i++)
      [...generateCode(6)].forEach((digit, pos) => seen[pos].add(digit));
    seen.forEach((digits) => expect(digits.size).toBe(10));
  });

  it('binds the stored hash to the secret, purpose and phone', () => {
    const secret = Buffer.from('k'.repeat(32));
    const base = hashCode(secret, 'login', '+8613800138000', '123456');
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(base).not.toContain('123456');
    expect(hashCode(secret, 'signup', '+8613800138000', '123456')).not.toBe(base);
    expect(hashCode(secret, 'login', '+8613800138001', '123456')).not.toBe(base);
    expect(hashCode(Buffer.from('j'.repeat(32)), 'login', '+8613800138000', '123456')).not.toBe(
      base,
    );
    expect(hashCode(secret, 'login', '+8613800138000', '123456')).toBe(base);
  });
});
