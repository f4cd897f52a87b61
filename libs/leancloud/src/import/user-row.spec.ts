import { readUserRow, UserRowResult } from './user-row';

const HASH =
  'tA7BLW+NK0UeARng0693gCaVnljkglCB9snqlpCSUKjx2RgYp8VZZOQt0S5iUtlDrkJXfT3gknS4rRqjYsd/Ug==';
const SALT = 'h60d8x797d3oa0naxybxxv9bn7xpt2yiowz68mpiwou7gwr2';

/** Stands in for the service's phone rules: +86 for bare numbers, 11 digits. */
const normalizePhone = (phone: string): string => {
  const e164 = phone.startsWith('+') ? phone : `+86${phone}`;
  if (!/^\+86\d{11}$/.test(e164)) throw new Error('Not a valid mobile phone number');
  return e164;
};

const row = {
  objectId: '5f1b2c3d4e5f6a7b8c9d0e1f',
  username: 'ann',
  mobilePhoneNumber: '13800138000',
  mobilePhoneVerified: true,
  password: HASH,
  salt: SALT,
  email: 'ann@example.com',
  authData: { weixin: { openid: 'x' } },
  createdAt: '2019-09-19T08:00:00.123Z',
  updatedAt: { __type: 'Date', iso: '2020-01-02T03:04:05.678Z' },
};

const read = (value: unknown): UserRowResult => readUserRow(value, normalizePhone);
const reason = (value: unknown): string => {
  const result = read(value);
  if ('user' in result) throw new Error('expected a rejection');
  return result.rejected;
};

describe('readUserRow', () => {
  it('reads a full row: same objectId, E.164 phone, dates, the legacy hash and salt', () => {
    expect(read(row)).toEqual({
      user: {
        legacyId: row.objectId,
        username: 'ann',
        phone: '+8613800138000',
        mobilePhoneVerified: true,
        createdAt: new Date('2019-09-19T08:00:00.123Z'),
        updatedAt: new Date('2020-01-02T03:04:05.678Z'),
        legacyPassword: { hash: HASH, salt: SALT },
      },
    });
  });

  it('fills what a minimal row leaves out', () => {
    const result = read({
      objectId: 'a1',
      mobilePhoneNumber: '+8613800138000',
      createdAt: row.createdAt,
    });
    expect(result).toEqual({
      user: {
        legacyId: 'a1',
        username: undefined,
        phone: '+8613800138000',
        mobilePhoneVerified: false,
        createdAt: new Date(row.createdAt),
        updatedAt: new Date(row.createdAt),
        legacyPassword: undefined,
      },
    });
  });

  it.each([
    ['a JSON array', [row], /not a JSON object/],
    ['null', null, /not a JSON object/],
    ['no objectId', { ...row, objectId: undefined }, /objectId/],
    ['an objectId with punctuation', { ...row, objectId: '../x' }, /objectId/],
    ['no phone', { ...row, mobilePhoneNumber: undefined }, /no mobilePhoneNumber/],
    ['a phone that is a number', { ...row, mobilePhoneNumber: 13800138000 }, /not a string/],
    ['an invalid phone', { ...row, mobilePhoneNumber: '12345' }, /"12345": Not a valid mobile/],
    [
      'a verified flag that is a string',
      { ...row, mobilePhoneVerified: 'yes' },
      /mobilePhoneVerified/,
    ],
    ['a bad date', { ...row, createdAt: 'yesterday' }, /createdAt is not an ISO 8601 date/],
    ['a date as a number', { ...row, updatedAt: 1_600_000_000 }, /updatedAt/],
    [
      'a password that is no LeanCloud hash',
      { ...row, password: 'hunter2' },
      /not a LeanCloud password hash/,
    ],
    ['a hash without its salt', { ...row, salt: undefined }, /without its salt/],
    ['a salt without its hash', { ...row, password: undefined }, /not a LeanCloud password hash/],
    ['a username that is not a string', { ...row, username: 42 }, /username/],
  ])('rejects %s with a reason', (_case, value, expected) => {
    expect(reason(value)).toMatch(expected);
  });

  it('names the objectId of a rejected row when it has one', () => {
    expect(read({ ...row, mobilePhoneNumber: undefined })).toEqual({
      rejected: expect.any(String),
      legacyId: row.objectId,
    });
  });
});
