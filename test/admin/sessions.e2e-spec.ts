import { ADMIN_SESSION_COOKIE } from '@app/admin';
import { sleep } from '../support/app-process';
import { ConsoleSession, OWNER_PASSWORD, sessionCookieOf, signIn } from '../support/admin-console';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';

describe('Console sessions of named admins', () => {
  let database: IsolatedDatabase;
  let service: TestApp;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    service = await startTestApp({ DATABASE_URL: database.url, ADMIN_SESSION_IDLE_MINUTES: '1' });
  });

  afterAll(async () => {
    await service.close();
    await database.drop();
  });

  it('sets up the first owner once, with the key, signed in', async () => {
    expect((await service.http().get('/v1/admin/setup').expect(200)).body).toEqual({
      needed: true,
    });

    const wrongKey = await service
      .http()
      .post('/v1/admin/setup')
      .send({ apiKey: 'not-the-admin-key-at-all', username: 'owner', password: OWNER_PASSWORD })
      .expect(401);
    expect(wrongKey.body.code).toBe('AdminSetupKeyWrong');

    const created = await service
      .http()
      .post('/v1/admin/setup')
      .send({ apiKey: TEST_ADMIN_KEY, username: 'Owner', password: OWNER_PASSWORD })
      .expect(201);
    expect(created.body).toEqual({
      admin: { id: expect.any(String), username: 'Owner', role: 'owner', totpEnabled: false },
      csrfToken: expect.any(String),
    });
    const { cookie } = sessionCookieOf(created);
    const current = await service.http().get('/v1/admin/session').set('Cookie', cookie).expect(200);
    expect(current.body).toEqual(created.body);

    expect((await service.http().get('/v1/admin/setup').expect(200)).body).toEqual({
      needed: false,
    });
    const again = await service
      .http()
      .post('/v1/admin/setup')
      .send({ apiKey: TEST_ADMIN_KEY, username: 'second', password: OWNER_PASSWORD })
      .expect(409);
    expect(again.body.code).toBe('AdminSetupDone');
  });

  it('signs in by username without regard to case, with an HttpOnly SameSite=Strict cookie', async () => {
    const response = await service
      .http()
      .post('/v1/admin/session')
      .send({ username: 'OWNER', password: OWNER_PASSWORD })
      .expect(200);
    expect(response.body.admin).toMatchObject({ username: 'Owner', role: 'owner' });
    const { header } = sessionCookieOf(response);
    const attributes = header.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    // The test client talks to 127.0.0.1: a developer's plain-HTTP console keeps its cookie.
    expect(attributes).not.toContain('secure');
  });

  it('marks the cookie Secure for any host but localhost', async () => {
    const response = await service
      .http()
      .post('/v1/admin/session')
      .set('Host', 'console.example.com')
      .send({ username: 'owner', password: OWNER_PASSWORD })
      .expect(200);
    expect(sessionCookieOf(response).header.toLowerCase()).toContain('; secure');
  });

  it('answers a wrong password and an unknown username alike', async () => {
    const wrong = await service
      .http()
      .post('/v1/admin/session')
      .send({ username: 'owner', password: 'not-the-password' })
      .expect(401);
    const unknown = await service
      .http()
      .post('/v1/admin/session')
      .send({ username: 'nobody-here', password: 'not-the-password' })
      .expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('AdminInvalidCredentials');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('locks a username out after five failed sign-ins, the right password included', async () => {
    const attempt = () =>
      service
        .http()
        .post('/v1/admin/session')
        .send({ username: 'locked-out', password: 'wrong-one' });
    for (let i = 0; i < 5; i += 1) expect((await attempt()).status).toBe(401);
    const locked = await attempt().expect(429);
    expect(locked.body).toMatchObject({
      code: 'AdminTooManyAttempts',
      retryAfter: expect.any(Number),
    });
    expect(locked.body.retryAfter).toBeGreaterThan(0);
    expect(locked.body.retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('refuses a state-changing call of a session without its CSRF token, not one with the key', async () => {
    const session = await signIn(service, 'owner', OWNER_PASSWORD);
    const missing = await service
      .http()
      .delete('/v1/admin/session')
      .set('Cookie', session.cookie)
      .expect(403);
    expect(missing.body.code).toBe('CsrfTokenInvalid');
    const wrong = await service
      .http()
      .delete('/v1/admin/session')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', 'another-token')
      .expect(403);
    expect(wrong.body.code).toBe('CsrfTokenInvalid');
    // Another session's token is no better: it is bound to its own session.
    const other = await signIn(service, 'owner', OWNER_PASSWORD);
    await service
      .http()
      .delete('/v1/admin/session')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', other.csrfToken)
      .expect(403);

    // The key needs no token (automation), and reads need none.
    await service
      .http()
      .patch('/v1/admin/users/00000000-0000-4000-8000-000000000000')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .send({ disabled: true })
      .expect(404);
    await service.http().get('/v1/admin/users').set('Cookie', session.cookie).expect(200);
  });

  it('signs out: the session ends and its cookie is cleared', async () => {
    const session = await signIn(service, 'owner', OWNER_PASSWORD);
    const out = await service
      .http()
      .delete('/v1/admin/session')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrfToken)
      .expect(204);
    expect(sessionCookieOf(out).cookie).toBe(`${ADMIN_SESSION_COOKIE}=`);
    const after = await service
      .http()
      .get('/v1/admin/session')
      .set('Cookie', session.cookie)
      .expect(401);
    expect(after.body.code).toBe('Unauthorized');
  });

  it('slides the idle expiry with use: a session used within the minute outlives its first expiry, an idle one ends', async () => {
    // ADMIN_SESSION_IDLE_MINUTES is 1 here. Sessions live in Redis with a TTL, on Redis' own
    // clock, which a test cannot fake: the test waits for real.
    const used = await signIn(service, 'owner', OWNER_PASSWORD);
    const idle = await signIn(service, 'owner', OWNER_PASSWORD);
    const signedInAt = Date.now();
    const current = (session: ConsoleSession) =>
      service.http().get('/v1/admin/session').set('Cookie', session.cookie);
    const waitUntil = (ms: number) => sleep(Math.max(0, signedInAt + ms - Date.now()));

    await waitUntil(40_000);
    await current(used).expect(200);
    // 75 s: both sessions were to end at 60 s; the one used at 40 s now lives until 100 s.
    await waitUntil(75_000);
    await current(used).expect(200);
    const ended = await current(idle).expect(401);
    expect(ended.body.code).toBe('Unauthorized');
    // Ended for every route, not only this one.
    await service.http().get('/v1/admin/users').set('Cookie', idle.cookie).expect(401);
  }, 120_000);

  it('refuses the key on the routes of the own session', async () => {
    const response = await service
      .http()
      .get('/v1/admin/session')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .expect(403);
    expect(response.body.code).toBe('AdminSessionRequired');
  });
});
