import {
  isLeanCloudPasswordHash,
  leanCloudPasswordHash,
  verifyLeanCloudPassword,
} from './leancloud-password-hash';

// The test vector of LeanCloud's dashboard guide ("导出用户数据的加密算法").
const vector = {
  salt: 'h60d8x797d3oa0naxybxxv9bn7xpt2yiowz68mpiwou7gwr2',
  password: 'password',
  hash: 'tA7BLW+NK0UeARng0693gCaVnljkglCB9snqlpCSUKjx2RgYp8VZZOQt0S5iUtlDrkJXfT3gknS4rRqjYsd/Ug==',
};

describe('LeanCloud password hashes', () => {
  it('reproduces the published test vector', () => {
    expect(leanCloudPasswordHash(vector.salt, vector.password)).toBe(vector.hash);
  });

  it('verifies the right password and only it', () => {
    expect(verifyLeanCloudPassword('password', vector)).toBe(true);
    expect(verifyLeanCloudPassword('Password', vector)).toBe(false);
    expect(verifyLeanCloudPassword('password ', vector)).toBe(false);
    expect(verifyLeanCloudPassword('password', { ...vector, salt: `${vector.salt}x` })).toBe(false);
  });

  it('hashes passwords and salts as UTF-8', () => {
    const hash = leanCloudPasswordHash('盐', '密码😀');
    expect(isLeanCloudPasswordHash(hash)).toBe(true);
    expect(verifyLeanCloudPassword('密码😀', { hash, salt: '盐' })).toBe(true);
    expect(verifyLeanCloudPassword('密码', { hash, salt: '盐' })).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['not base64', '!'.repeat(88)],
    ['too short', vector.hash.slice(4)],
    ['hex instead of base64', 'a'.repeat(128)],
  ])('refuses a stored hash that is %s, without throwing', (_case, hash) => {
    expect(isLeanCloudPasswordHash(hash)).toBe(false);
    expect(verifyLeanCloudPassword('password', { hash, salt: vector.salt })).toBe(false);
  });
});
