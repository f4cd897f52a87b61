import { spawn } from 'node:child_process';
import { signIn } from '../support/admin-console';
import { BUILT_ADMIN_CREATE, ensureBuiltApp } from '../support/built-app';
import { createIsolatedDatabase, IsolatedDatabase, withClient } from '../support/isolated-database';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const PASSWORD = 'first-owner-password-1';

/**
 * `npm run admin:create` as an operator runs it: the built script (what the npm script runs
 * after its build) in a process of its own, on a throwaway database.
 */
describe('npm run admin:create', () => {
  let database: IsolatedDatabase;
  let settings: Record<string, string>;

  beforeAll(async () => {
    ensureBuiltApp();
    database = await createIsolatedDatabase();
    settings = {
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL ?? '',
      ADMIN_API_KEY: TEST_ADMIN_KEY,
    };
  });

  afterAll(async () => {
    await database.drop();
  });

  /** Runs the script with only these settings (and PATH), `stdin` piped in. */
  function adminCreate(args: string[], stdin = '', env = settings): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BUILT_ADMIN_CREATE, ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });
  }

  /** The one JSON line a failed run writes to stderr; nothing on stdout. */
  function failureOf(run: Run): string {
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: '' });
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]) as { event: string; error: string };
    expect(line.event).toBe('owner_not_created');
    return line.error;
  }

  const admins = () =>
    withClient(database.url, async (client) =>
      Number((await client.query('SELECT count(*) FROM admin_accounts')).rows[0].count),
    );

  it.each([
    ['no username', ['--password', PASSWORD], '', /^Error: usage: npm run admin:create/],
    ['no password, none on stdin', ['--username', 'alice'], '', /^Error: usage:/],
    ['a blank password on stdin', ['--username', 'alice'], '  \n', /^Error: usage:/],
    [
      'a password shorter than 12',
      ['--username', 'alice', '--password', 'too-short'],
      '',
      /^InValidParam: password must be longer than or equal to 12 characters$/,
    ],
    [
      'a username with a space',
      ['--username', 'alice smith'],
      PASSWORD,
      /^InValidParam: username must be 3-32 letters, digits, _ \. or -$/,
    ],
  ])('refuses %s with a clear message, creating nobody', async (_case, args, stdin, message) => {
    expect(failureOf(await adminCreate(args, stdin))).toMatch(message);
    expect(await admins()).toBe(0);
  });

  it('refuses a shell without the service settings, naming what is missing', async () => {
    const error = failureOf(
      await adminCreate(['--username', 'alice'], PASSWORD, { ADMIN_API_KEY: TEST_ADMIN_KEY }),
    );
    expect(error).toMatch(/^InvalidConfigurationError: /);
    expect(error).toContain('DATABASE_URL is missing');
    expect(error).toContain('REDIS_URL is missing');
    expect(error).not.toContain('ADMIN_API_KEY');
    expect(await admins()).toBe(0);
  });

  describe('the first owner', () => {
    let service: TestApp;
    let created: { event: string; id: string; username: string };

    beforeAll(async () => {
      // The password on stdin, as the README says, so it stays out of the shell's history.
      const run = await adminCreate(['--username', 'alice'], `${PASSWORD}\n`);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      created = JSON.parse(run.stdout.trim()) as typeof created;
      service = await startTestApp({ DATABASE_URL: database.url });
    });

    afterAll(async () => {
      await service.close();
    });

    it('is created and printed as one JSON line', () => {
      expect(created).toEqual({
        event: 'owner_created',
        id: expect.any(String),
        username: 'alice',
      });
    });

    it('signs in over HTTP as an owner, and the setup page is closed', async () => {
      const session = await signIn(service, 'alice', PASSWORD);
      expect(session.adminId).toBe(created.id);
      const me = await service.http().get('/v1/admin/session').set('Cookie', session.cookie);
      expect(me.status).toBe(200);
      expect(me.body.admin).toEqual({
        id: created.id,
        username: 'alice',
        role: 'owner',
        totpEnabled: false,
      });
      // An owner's route: the accounts.
      await service.http().get('/v1/admin/accounts').set('Cookie', session.cookie).expect(200);
      expect((await service.http().get('/v1/admin/setup').expect(200)).body).toEqual({
        needed: false,
      });
    });

    it('refuses a second run, by any name, once an owner exists', async () => {
      const again = await adminCreate(['--username', 'bob', '--password', 'another-password-2']);
      expect(failureOf(again)).toMatch(/^AdminSetupDone: /);
      expect(await admins()).toBe(1);
      const bob = await service
        .http()
        .post('/v1/admin/session')
        .send({ username: 'bob', password: 'another-password-2' });
      expect(bob.status).toBe(401);
    });
  });
});
