import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runImportCommand } from '../../apps/api/src/import-leancloud.command';
import { LeanCloudTestApp, sdkError, startLeanCloudApp } from '../support/leancloud';
import {
  generateLeanCloudExport,
  GeneratedExport,
  PUBLISHED_VECTOR,
} from '../support/leancloud-export';
import { uniqueCnPhone } from '../support/phones';
import { TEST_ADMIN_KEY } from '../support/test-app';

interface CommandResult {
  code: number;
  out: string[];
}

/** Runs the import command in-process, as `npm run import:leancloud -- <file>` does. */
async function importFile(file: string): Promise<CommandResult> {
  let out = '';
  const code = await runImportCommand(
    [file],
    {
      DATABASE_URL: process.env.DATABASE_URL,
      // Nothing listens there: the import needs PostgreSQL only (phones are parsed by
      // libs/phone, accounts written by libs/user's LegacyImportModule).
      REDIS_URL: 'redis://127.0.0.1:1',
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      LOG_LEVEL: 'silent',
    },
    { write: (text: string) => (out += text) },
    { write: () => true },
  );
  return { code, out: out.split('\n').filter((line) => line !== '') };
}

const summaryOf = (result: CommandResult): string => result.out[result.out.length - 1];

describe('LeanCloud _User import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lc-import-'));
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  let lc: LeanCloudTestApp;
  let generated: GeneratedExport;
  let first: CommandResult;
  let firstMs: number;

  beforeAll(async () => {
    await db.connect();
    lc = await startLeanCloudApp();
    generated = generateLeanCloudExport(10_000);
    const file = join(dir, 'users.jsonl');
    writeFileSync(file, generated.text);
    const startedAt = Date.now();
    first = await importFile(file);
    firstMs = Date.now() - startedAt;
  });

  afterAll(async () => {
    await lc.close();
    await db.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports 10,000 users with malformed rows and duplicates, and counts each kind', () => {
    const { read, created, skipped, rejected, warnings } = generated.expected;
    expect(first.code).toBe(0);
    expect(summaryOf(first)).toMatch(
      new RegExp(
        `^read ${read.toLocaleString('en-US')} · created ${created.toLocaleString('en-US')} · ` +
          `skipped ${skipped} · rejected ${rejected} · warnings ${warnings} in [0-9.]+ s ` +
          '\\([0-9,]+ rows/s\\)$',
      ),
    );
    // Batched inserts: a 10,000-row export takes seconds, not minutes.
    expect((read / firstMs) * 1000).toBeGreaterThan(1000);
  });

  it('reports every rejected row with where it is and why', () => {
    const rejectedLines = first.out.filter((line) => line.startsWith('rejected '));
    expect(rejectedLines).toHaveLength(generated.expected.rejected);
    for (const reason of [
      /^rejected row \d+ \(line \d+\): not valid JSON/,
      /objectId \w+: no mobilePhoneNumber: accounts here are phone accounts$/,
      /objectId \w+: mobilePhoneNumber "12345": Not a valid mobile phone number$/,
      /objectId \w+: password is not a LeanCloud password hash/,
      /objectId \w+: createdAt is not an ISO 8601 date$/,
      /\(line \d+\): objectId is missing/,
      /\(line \d+\): not a JSON object$/,
      /objectId \w+: another account has the phone \+86\d{11}$/,
    ]) {
      expect(rejectedLines.filter((line) => reason.test(line))).toHaveLength(10);
    }
    const warnings = first.out.filter((line) => line.startsWith('warning '));
    expect(warnings).toHaveLength(generated.expected.warnings);
    expect(warnings[0]).toMatch(/username "张三\w+": not a username here/);
  });

  it('keeps the objectId, the E.164 phone, the flags, the dates and the LeanCloud hash', async () => {
    const { rows } = await db.query(
      `SELECT legacy_id, phone, username, mobile_phone_verified, created_at, updated_at,
              password_hash, legacy_password_hash, legacy_password_salt
         FROM users WHERE legacy_id = ANY($1) ORDER BY legacy_id`,
      [generated.logins.slice(0, 2).map((login) => login.objectId)],
    );
    const exported = generated.text
      .split('\n')
      .slice(0, 2)
      .map((line) => JSON.parse(line));
    expect(rows).toEqual([
      {
        legacy_id: exported[0].objectId,
        phone: generated.logins[0].phone,
        username: exported[0].username,
        mobile_phone_verified: true,
        created_at: new Date(exported[0].createdAt),
        updated_at: new Date(exported[0].updatedAt.iso),
        password_hash: null,
        legacy_password_hash: exported[0].password,
        legacy_password_salt: exported[0].salt,
      },
      expect.objectContaining({ legacy_id: exported[1].objectId, mobile_phone_verified: false }),
    ]);
  });

  it('skips everything on a second run', async () => {
    const file = join(dir, 'users.jsonl');
    const again = await importFile(file);
    const { read, created, skipped, rejected } = generated.expected;
    expect(summaryOf(again)).toMatch(
      new RegExp(
        `^read ${read.toLocaleString('en-US')} · created 0 · ` +
          `skipped ${(created + skipped).toLocaleString('en-US')} · rejected ${rejected} · warnings 0 `,
      ),
    );
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM users WHERE legacy_id = ANY($1)',
      [generated.logins.map((login) => login.objectId)],
    );
    expect(rows[0].n).toBe(generated.logins.length);
  });

  it('lets imported users log in through the SDK with their old password, then with argon2id', async () => {
    const { AV } = lc;
    for (const login of generated.logins) {
      const user = await AV.User.logIn(login.username, login.password);
      expect(user.id).toBe(login.objectId);
      expect(user.getMobilePhoneNumber()).toBe(login.phone);
      await AV.User.logOut();
    }
    const { rows } = await db.query(
      'SELECT password_hash, legacy_password_hash FROM users WHERE legacy_id = $1',
      [generated.logins[0].objectId],
    );
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].legacy_password_hash).toBeNull();
    const [again] = generated.logins;
    expect((await AV.User.logInWithMobilePhone(again.phone, again.password)).id).toBe(
      again.objectId,
    );
    expect((await sdkError(AV.User.logIn(again.username, 'not the password'))).code).toBe(210);
  });

  it('accepts the published test vector’s password for its hash', async () => {
    const vectorLogin = generated.logins.find(
      (login) => login.password === PUBLISHED_VECTOR.password,
    );
    expect(vectorLogin).toBeDefined();
    const user = await lc.AV.User.logInWithMobilePhone(vectorLogin?.phone ?? '', 'password');
    expect(user.id).toBe(vectorLogin?.objectId);
    await lc.AV.User.logOut();
  });

  it('reads a JSON array and {"results": [...]} too', async () => {
    const rows = [0, 1].map((i) => ({
      objectId: `arr${Date.now().toString(36)}${i}`,
      mobilePhoneNumber: uniqueCnPhone(),
      password: PUBLISHED_VECTOR.hash,
      salt: PUBLISHED_VECTOR.salt,
    }));
    const arrayFile = join(dir, 'array.json');
    writeFileSync(arrayFile, JSON.stringify([rows[0]], null, 2));
    const wrappedFile = join(dir, 'results.json');
    writeFileSync(wrappedFile, JSON.stringify({ results: [rows[1]], count: 1 }));
    expect(summaryOf(await importFile(arrayFile))).toMatch(/^read 1 · created 1 · /);
    expect(summaryOf(await importFile(wrappedFile))).toMatch(/^read 1 · created 1 · /);
    const user = await lc.AV.User.logInWithMobilePhone(rows[1].mobilePhoneNumber, 'password');
    expect(user.id).toBe(rows[1].objectId);
    await lc.AV.User.logOut();
  });

  it('stops with exit code 1 on a broken file, and on a missing one', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '[{"objectId":"a1","mobilePhoneNumber":"+8613800138000"} {"objectId"');
    const result = await importFile(broken);
    expect(result.code).toBe(1);
    expect(result.out).toContainEqual(expect.stringMatching(/^stopped: line 1: /));
    expect((await importFile(join(dir, 'missing.json'))).code).toBe(1);
  });
});
