import { generate } from 'otplib';
import type { Test } from 'supertest';
import { consoleAdmin, OWNER_PASSWORD, setUpFirstOwner, signIn } from '../support/admin-console';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';

describe('Admin accounts, TOTP, the audit log and the settings page', () => {
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

  it('lets an owner create, demote, disable and reset admins, and keeps one owner', async () => {
    const owner = await setUpFirstOwner(service, 'boss');
    const asOwner = (request: Test): Test =>
      request.set('Cookie', owner.cookie).set('X-CSRF-Token', owner.csrfToken);

    const created = await asOwner(service.http().post('/v1/admin/accounts'))
      .send({ username: 'Carol', password: 'carol-password-long', role: 'operator' })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'Carol', role: 'operator', disabled: false });
    const taken = await asOwner(service.http().post('/v1/admin/accounts'))
      .send({ username: 'carol', password: 'carol-password-long', role: 'viewer' })
      .expect(409);
    expect(taken.body.code).toBe('AdminUsernameTaken');

    const carol = await signIn(service, 'carol', 'carol-password-long');
    await asOwner(service.http().patch(`/v1/admin/accounts/${created.body.id}`))
      .send({ role: 'viewer' })
      .expect(200);
    // The role is read on every request: the open session is a viewer's now.
    const demoted = await service
      .http()
      .patch('/v1/admin/users/00000000-0000-4000-8000-000000000000')
      .set('Cookie', carol.cookie)
      .set('X-CSRF-Token', carol.csrfToken)
      .send({ disabled: true })
      .expect(403);
    expect(demoted.body.code).toBe('AdminRoleForbidden');

    await asOwner(service.http().put(`/v1/admin/accounts/${created.body.id}/password`))
      .send({ password: 'carol-new-password' })
      .expect(200);
    await service.http().get('/v1/admin/session').set('Cookie', carol.cookie).expect(401);
    await signIn(service, 'carol', 'carol-new-password');

    await asOwner(service.http().patch(`/v1/admin/accounts/${created.body.id}`))
      .send({ disabled: true })
      .expect(200);
    const disabled = await service
      .http()
      .post('/v1/admin/session')
      .send({ username: 'carol', password: 'carol-new-password' })
      .expect(401);
    expect(disabled.body.code).toBe('AdminInvalidCredentials');

    const lastOwner = await asOwner(service.http().patch(`/v1/admin/accounts/${owner.adminId}`))
      .send({ role: 'operator' })
      .expect(409);
    expect(lastOwner.body.code).toBe('AdminLastOwner');

    const list = await service
      .http()
      .get('/v1/admin/accounts')
      .set('Cookie', owner.cookie)
      .expect(200);
    expect(list.body.items.map((item: { username: string }) => item.username)).toEqual([
      'boss',
      'Carol',
    ]);
  });

  it('asks a TOTP code once an admin confirmed its second factor, each code once', async () => {
    const admin = await consoleAdmin(service, 'totp-user', 'viewer');
    const enrolled = await service
      .http()
      .post('/v1/admin/session/totp')
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrfToken)
      .expect(200);
    expect(enrolled.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*totp-user\?secret=/);
    const code = await generate({ secret: enrolled.body.secret as string });
    const confirmed = await service
      .http()
      .post('/v1/admin/session/totp/confirm')
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ code })
      .expect(200);
    expect(confirmed.body.totpEnabled).toBe(true);

    const password = 'totp-user-password-long-enough';
    const needed = await service
      .http()
      .post('/v1/admin/session')
      .send({ username: 'totp-user', password })
      .expect(401);
    expect(needed.body.code).toBe('AdminTotpRequired');
    const wrong = await service
      .http()
      .post('/v1/admin/session')
      .send({ username: 'totp-user', password, totp: '000000' === code ? '111111' : '000000' })
      .expect(401);
    expect(wrong.body.code).toBe('AdminTotpInvalid');
    // The code that confirmed the enrolment was spent there.
    const replayed = await service
      .http()
      .post('/v1/admin/session')
      .send({ username: 'totp-user', password, totp: code })
      .expect(401);
    expect(replayed.body.code).toBe('AdminTotpInvalid');
  });

  it('records every admin change, by session and by key, with secrets masked', async () => {
    const owner = await signIn(service, 'boss', OWNER_PASSWORD);
    const created = await service
      .http()
      .post('/v1/admin/accounts')
      .set('Cookie', owner.cookie)
      .set('X-CSRF-Token', owner.csrfToken)
      .send({ username: 'audited', password: 'audited-password-long', role: 'viewer' })
      .expect(201);
    await service
      .http()
      .patch(`/v1/admin/accounts/${created.body.id}`)
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .send({ role: 'operator' })
      .expect(200);

    const log = await service
      .http()
      .get('/v1/admin/audit')
      .query({ route: '/v1/admin/accounts/:id', pageSize: 100 })
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .expect(200);
    const byKey = log.body.items.find(
      (entry: { objectId: string }) => entry.objectId === created.body.id,
    );
    expect(byKey).toMatchObject({
      actor: 'api-key',
      adminId: null,
      method: 'PATCH',
      path: `/v1/admin/accounts/${created.body.id}`,
      status: 200,
      requestBody: { role: 'operator' },
      responseBody: { id: created.body.id, role: 'operator' },
      clientIp: expect.any(String),
    });

    const mine = await service
      .http()
      .get('/v1/admin/audit')
      .query({ adminId: owner.adminId, route: '/v1/admin/accounts', pageSize: 100 })
      .set('Cookie', owner.cookie)
      .expect(200);
    const creation = mine.body.items.find(
      (entry: { objectId: string }) => entry.objectId === created.body.id,
    );
    expect(creation).toMatchObject({
      actor: 'session',
      adminUsername: 'boss',
      method: 'POST',
      status: 201,
      requestBody: { username: 'audited', password: '***', role: 'viewer' },
    });
    expect(JSON.stringify(mine.body)).not.toContain('audited-password-long');

    const future = await service
      .http()
      .get('/v1/admin/audit')
      .query({ from: new Date(Date.now() + 3600_000).toISOString() })
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .expect(200);
    expect(future.body).toMatchObject({ items: [], total: 0 });
  });

  it('records the changes of every library’s admin routes, and nothing of public calls or reads', async () => {
    const startedAt = new Date().toISOString();
    const signature = await service
      .http()
      .post('/v1/admin/sms/signatures')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .send({ name: 'audited_shop', content: '审计商城', type: 'app' })
      .expect(201);
    await service
      .http()
      .get(`/v1/admin/sms/signatures/${signature.body.id}`)
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .expect(200);
    await service.http().post('/v1/sms/codes').send({ phone: '+8613900009901' }).expect(202);

    const log = await service
      .http()
      .get('/v1/admin/audit')
      .query({ from: startedAt, pageSize: 100 })
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .expect(200);
    const entries = log.body.items as Array<{ method: string; route: string; objectId: string }>;
    expect(entries).toEqual([
      expect.objectContaining({
        method: 'POST',
        route: '/v1/admin/sms/signatures',
        objectId: signature.body.id,
        status: 201,
      }),
    ]);
  });

  it('shows the effective settings with the secrets masked', async () => {
    const response = await service
      .http()
      .get('/v1/admin/settings')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .expect(200);
    const settings = new Map(
      (response.body.settings as Array<{ name: string; value: string | null }>).map((s) => [
        s.name,
        s.value,
      ]),
    );
    expect(settings.get('ADMIN_API_KEY')).toBe('***');
    expect(settings.get('APP_NAME')).toBe('Demo');
    expect(settings.get('ADMIN_SESSION_IDLE_MINUTES')).toBe('60');
    expect(JSON.stringify(response.body)).not.toContain(TEST_ADMIN_KEY);
    expect(settings.has('HOME')).toBe(false);
  });
});
