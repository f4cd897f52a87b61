import type { Test } from 'supertest';
import { Accounts, ADMIN } from '../support/accounts';
import { ConsoleSession, setUpFirstOwner } from '../support/admin-console';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

interface AuditEntry {
  method: string;
  route: string;
  path: string;
  status: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  responseBody: Record<string, unknown> | null;
}

/**
 * The audit log's "before" and "after" of admin changes in several libraries, read back over
 * GET /v1/admin/audit: the object as it was before the handler ran and as it is once done.
 */
describe('The audit log records the changed object before and after', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let owner: ConsoleSession;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    service = await startTestApp({ ...receiver.settings, DATABASE_URL: database.url });
    owner = await setUpFirstOwner(service, 'auditor');
  });

  afterAll(async () => {
    await service.close();
    await database.drop();
    await receiver.stop();
  });

  const byKey = (request: Test): Test => request.set('Authorization', ADMIN);
  const asOwner = (request: Test): Test =>
    request.set('Cookie', owner.cookie).set('X-CSRF-Token', owner.csrfToken);

  /** The newest entry of `method` on `path`. */
  async function entryOf(method: string, path: string): Promise<AuditEntry> {
    const log = await byKey(service.http().get('/v1/admin/audit').query({ pageSize: 100 })).expect(
      200,
    );
    const entry = (log.body.items as AuditEntry[]).find(
      (item) => item.method === method && item.path === path,
    );
    if (entry === undefined) throw new Error(`no audit entry of ${method} ${path}`);
    return entry;
  }

  it('editing a template: its content before, the new content after, and back to review', async () => {
    const created = await byKey(service.http().post('/v1/admin/sms/templates'))
      .send({ name: 'audited_shipped', kind: 'notification', content: '订单{{order}}已发出' })
      .expect(201);
    const id = created.body.id as string;
    await byKey(service.http().post(`/v1/admin/sms/templates/${id}/approve`)).expect(200);
    await byKey(service.http().patch(`/v1/admin/sms/templates/${id}`))
      .send({ content: '您的订单{{order}}已发货' })
      .expect(200);

    const edit = await entryOf('PATCH', `/v1/admin/sms/templates/${id}`);
    expect(edit).toMatchObject({
      status: 200,
      before: { id, content: '订单{{order}}已发出', status: 'approved' },
      after: { id, content: '您的订单{{order}}已发货', status: 'pending' },
    });
    const creation = await entryOf('POST', '/v1/admin/sms/templates');
    expect(creation).toMatchObject({ status: 201, before: null, after: { id, status: 'pending' } });
  });

  it('editing a signature, and deleting it: after a deletion there is no object', async () => {
    const created = await byKey(service.http().post('/v1/admin/sms/signatures'))
      .send({ name: 'audited_sign', content: '审计前', type: 'app' })
      .expect(201);
    const id = created.body.id as string;
    await byKey(service.http().patch(`/v1/admin/sms/signatures/${id}`))
      .send({ content: '审计后' })
      .expect(200);
    await byKey(service.http().delete(`/v1/admin/sms/signatures/${id}`)).expect(204);

    expect(await entryOf('PATCH', `/v1/admin/sms/signatures/${id}`)).toMatchObject({
      before: { id, content: '审计前' },
      after: { id, content: '审计后' },
    });
    expect(await entryOf('DELETE', `/v1/admin/sms/signatures/${id}`)).toMatchObject({
      status: 204,
      before: { id, content: '审计后' },
      after: null,
      responseBody: null,
    });
  });

  it('disabling a user: enabled before, disabled after', async () => {
    const account = await new Accounts(service, receiver).signUp();
    const id = account.user.id;
    await asOwner(service.http().patch(`/v1/admin/users/${id}`))
      .send({ disabled: true })
      .expect(200);

    expect(await entryOf('PATCH', `/v1/admin/users/${id}`)).toMatchObject({
      before: { id, phone: account.phone, disabled: false },
      after: { id, phone: account.phone, disabled: true },
    });
  });

  it('an admin account: its role before and after, and a password reset leaves a trace', async () => {
    const created = await asOwner(service.http().post('/v1/admin/accounts'))
      .send({ username: 'audited-op', password: 'audited-op-password', role: 'operator' })
      .expect(201);
    const id = created.body.id as string;
    await asOwner(service.http().patch(`/v1/admin/accounts/${id}`))
      .send({ role: 'viewer' })
      .expect(200);
    await asOwner(service.http().put(`/v1/admin/accounts/${id}/password`))
      .send({ password: 'audited-op-new-password' })
      .expect(200);

    expect(await entryOf('PATCH', `/v1/admin/accounts/${id}`)).toMatchObject({
      before: { id, username: 'audited-op', role: 'operator', disabled: false },
      after: { id, username: 'audited-op', role: 'viewer', disabled: false },
    });
    const reset = await entryOf('PUT', `/v1/admin/accounts/${id}/password`);
    expect(reset.before).toMatchObject({ id, sessionsRevokedAt: null });
    expect(reset.after).toMatchObject({ id, sessionsRevokedAt: expect.any(String) });
    expect(JSON.stringify(reset)).not.toMatch(/argon2|audited-op-new-password/);
  });

  it('deleting a fraud rule: the rule before, nothing after', async () => {
    const rule = await byKey(service.http().post('/v1/admin/fraud/rules'))
      .send({ kind: 'deny', value: '+8617799', note: 'audited' })
      .expect(201);
    await byKey(service.http().delete(`/v1/admin/fraud/rules/${rule.body.id}`)).expect(200);

    expect(await entryOf('DELETE', `/v1/admin/fraud/rules/${rule.body.id}`)).toMatchObject({
      status: 200,
      before: { id: rule.body.id, kind: 'deny', value: '+8617799', note: 'audited' },
      after: null,
    });
  });

  it('enrolling a second factor: the own account before and after, the secret masked', async () => {
    await asOwner(service.http().post('/v1/admin/session/totp')).expect(200);

    const enrolment = await entryOf('POST', '/v1/admin/session/totp');
    expect(enrolment).toMatchObject({
      before: { id: owner.adminId, totpEnabled: false, totpPending: false },
      after: { id: owner.adminId, totpEnabled: false, totpPending: true },
      responseBody: { secret: '***' },
    });
  });

  it('an id that is no UUID names no object: nothing before, the route answers 400', async () => {
    await byKey(service.http().patch('/v1/admin/sms/templates/not-a-uuid'))
      .send({ content: 'x' })
      .expect(400);
    expect(await entryOf('PATCH', '/v1/admin/sms/templates/not-a-uuid')).toMatchObject({
      status: 400,
      before: null,
      after: null,
    });
  });
});
