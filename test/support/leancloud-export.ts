import { randomBytes } from 'node:crypto';
import { leanCloudPasswordHash } from '@app/user';
import { uniqueCnPhone } from './phones';

/** A user of the export whose old password is known, to log in with it after the import. */
export interface ExportedLogin {
  objectId: string;
  phone: string;
  username: string;
  password: string;
}

export interface GeneratedExport {
  /** The file's text, JSON Lines. */
  text: string;
  expected: { read: number; created: number; skipped: number; rejected: number; warnings: number };
  logins: ExportedLogin[];
}

/** The test vector of LeanCloud's dashboard guide: salt, password and the exported hash. */
export const PUBLISHED_VECTOR = {
  salt: 'h60d8x797d3oa0naxybxxv9bn7xpt2yiowz68mpiwou7gwr2',
  password: 'password',
  hash: 'tA7BLW+NK0UeARng0693gCaVnljkglCB9snqlpCSUKjx2RgYp8VZZOQt0S5iUtlDrkJXfT3gknS4rRqjYsd/Ug==',
};

// Few distinct passwords, so hashing (513 SHA-512 each) costs little.
const PASSWORDS = ['correct horse battery', '密码12345678', 'Tr0ub4dor&3', '123456'];
const MALFORMED_PER_BLOCK = 7;

/**
 * A `_User` export as LeanCloud's dashboard writes it: `count` good rows (phones with and
 * without the country code, verified or not, LeanCloud password hashes, the published test
 * vector's hash among them) and, every 1,000 rows, malformed rows, a repeated row, a phone
 * that an earlier row has, and a username this service cannot keep.
 */
export function generateLeanCloudExport(count: number): GeneratedExport {
  const run = randomBytes(4).toString('hex');
  const credentials = PASSWORDS.map((password, i) => {
    const salt = `${run}salt${i}`;
    return { password, salt, hash: leanCloudPasswordHash(salt, password) };
  });
  credentials.push({ ...PUBLISHED_VECTOR });
  const lines: string[] = [];
  const logins: ExportedLogin[] = [];
  const expected = { read: 0, created: count, skipped: 0, rejected: 0, warnings: 0 };

  for (let i = 0; i < count; i++) {
    const objectId = `${run}${i.toString(16).padStart(16, '0')}`;
    const phone = uniqueCnPhone();
    const credential = credentials[i % credentials.length];
    const dropsUsername = i % 1000 === 999;
    const username = dropsUsername ? `张三${run}${i}` : `u${run}${i}`;
    const row = {
      objectId,
      username,
      mobilePhoneNumber: i % 3 === 0 ? phone.slice(3) : phone,
      mobilePhoneVerified: i % 2 === 0,
      emailVerified: false,
      email: `${username}@example.com`,
      password: credential.hash,
      salt: credential.salt,
      ACL: { '*': { read: true } },
      createdAt: new Date(Date.UTC(2019, 0, 1) + i * 60_000).toISOString(),
      updatedAt: { __type: 'Date', iso: new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString() },
    };
    lines.push(JSON.stringify(row));
    if (dropsUsername) expected.warnings += 1;
    if (i < credentials.length * 2) {
      logins.push({ objectId, phone, username, password: credential.password });
    }
    if (i % 1000 === 500) {
      lines.push(JSON.stringify(row));
      expected.skipped += 1;
      lines.push(JSON.stringify({ ...row, objectId: `${run}taken${i}` }));
      lines.push(...malformedRows(`${run}bad${i}`));
      expected.rejected += 1 + MALFORMED_PER_BLOCK;
    }
  }
  expected.read = lines.length;
  return { text: `${lines.join('\n')}\n`, expected, logins };
}

function malformedRows(prefix: string): string[] {
  return [
    '{"objectId": "cut off in the middle',
    JSON.stringify({ objectId: `${prefix}a`, username: 'no-phone' }),
    JSON.stringify({ objectId: `${prefix}b`, mobilePhoneNumber: '12345' }),
    JSON.stringify({
      objectId: `${prefix}c`,
      mobilePhoneNumber: uniqueCnPhone(),
      password: 'plain',
    }),
    JSON.stringify({
      objectId: `${prefix}d`,
      mobilePhoneNumber: uniqueCnPhone(),
      createdAt: 'yesterday',
    }),
    JSON.stringify({ mobilePhoneNumber: uniqueCnPhone() }),
    JSON.stringify([1, 2, 3]),
  ];
}
