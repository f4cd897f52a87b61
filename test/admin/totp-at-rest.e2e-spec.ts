import { generate } from 'otplib';
import { consoleAdmin, ConsoleSession } from '../support/admin-console';
import { createIsolatedDatabase, IsolatedDatabase, withClient } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';

interface StoredTotp {
  totp_secret: string | null;
  totp_pending_secret: string | null;
}

/** A code of the next 30-second step: the current one may be spent already (each code once). */
const nextCode = (secret: string): Promise<string> =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

/**
 * Admins' TOTP secrets are sealed (AES-256-GCM) in the database, and signing in with a code
 * still works; plaintext rows of before the encryption are sealed when the service starts.
 */
describe('TOTP secrets at rest', () => {
  let database: IsolatedDatabase;
  let service: TestApp;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    service = await startTestApp({ DATABASE_URL: database.url });
  });

  afterAll(async () => {
    await service.close();
    await database.drop();
  });

  const stored = (adminId: string): Promise<StoredTotp> =>
    withClient(database.url, async (client) => {
      const { rows } = await client.query<StoredTotp>(
        'SELECT totp_secret, totp_pending_secret FROM admin_accounts WHERE id = $1',
        [adminId],
      );
      return rows[0];
    });

  /** Signs in as `username` (its password: consoleAdmin's) with a TOTP code. */
  const signInWithCode = (username: string, totp: string) =>
    service
      .http()
      .post('/v1/admin/session')
      .send({ username, password: `${username}-password-long-enough`, totp });

  async function enrolled(admin: ConsoleSession): Promise<string> {
    const enrolment = await service
      .http()
      .post('/v1/admin/session/totp')
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrfToken)
      .expect(200);
    return enrolment.body.secret as string;
  }

  it('keeps no plaintext secret, pending or confirmed, and signs in with a code', async () => {
    const admin = await consoleAdmin(service, 'sealed-totp', 'viewer');
    const secret = await enrolled(admin);
    const pending = await stored(admin.adminId);
    expect(pending.totp_pending_secret).toMatch(/^v1\./);
    expect(pending.totp_pending_secret).not.toContain(secret);

    await service
      .http()
      .post('/v1/admin/session/totp/confirm')
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ code: await generate({ secret }) })
      .expect(200);
    const confirmed = await stored(admin.adminId);
    expect(confirmed.totp_pending_secret).toBeNull();
    expect(confirmed.totp_secret).toMatch(/^v1\./);
    expect(confirmed.totp_secret).not.toContain(secret);
    const everything = await withClient(database.url, (client) =>
      client.query('SELECT * FROM admin_accounts'),
    );
    expect(JSON.stringify(everything.rows)).not.toContain(secret);

    await signInWithCode('sealed-totp', await nextCode(secret)).expect(200);
  });

  it('seals a plaintext secret of before the encryption at start-up, and it still signs in', async () => {
    const admin = await consoleAdmin(service, 'legacy-totp', 'viewer');
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await withClient(database.url, (client) =>
      client.query('UPDATE admin_accounts SET totp_secret = $1 WHERE id = $2', [
        secret,
        admin.adminId,
      ]),
    );
    // Read as it is until sealed: a process of the old version may have written it.
    await signInWithCode('legacy-totp', await generate({ secret })).expect(200);

    await service.close();
    service = await startTestApp({ DATABASE_URL: database.url });
    const sealed = await stored(admin.adminId);
    expect(sealed.totp_secret).toMatch(/^v1\./);
    expect(sealed.totp_secret).not.toContain(secret);
    await signInWithCode('legacy-totp', await nextCode(secret)).expect(200);
  });

  it('an explicit ADMIN_TOTP_ENCRYPTION_KEY other than the one that sealed refuses the sign-in', async () => {
    await service.close();
    service = await startTestApp({
      DATABASE_URL: database.url,
      ADMIN_TOTP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    const refused = await signInWithCode('legacy-totp', '123456');
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('AdminTotpUnreadable');
    expect(JSON.stringify(refused.body)).not.toContain('v1.');
  });
});
