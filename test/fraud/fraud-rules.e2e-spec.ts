import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { consoleAdmin, setUpFirstOwner } from '../support/admin-console';
import { fakeClock } from '../support/clock';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { cnPhone, freshWindow, lonelyIp, requestCode } from './fraud-support';

/** FRAUD_RULES_POLL_MS, and room for the reload and a loaded machine. */
const APPLIED_WITHIN_MS = 1000 + 1500;

const settings = {
  TRUST_PROXY: 'true',
  SMS_RESEND_INTERVAL_SECONDS: '0',
  SMS_FRAUD_GUARD: 'enforce',
  SMS_ALLOWED_REGIONS: 'CN,GB',
};

/**
 * The admins' allow and deny rules, beside SMS_FRAUD_ALLOW / SMS_FRAUD_DENY: over HTTP, on the
 * send path, and across two instances of one service. Its own database: the rules are global
 * to a service, and a deny rule would refuse other suites' sends.
 */
describe('Fraud guard: rules made by admins at run time', () => {
  const receiver = new WebhookReceiver();
  const started: TestApp[] = [];
  let database: IsolatedDatabase;
  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
  });
  afterAll(async () => {
    await Promise.all(started.map((app) => app.close()));
    await receiver.stop();
    await database.drop();
  });
  afterEach(() => jest.useRealTimers());

  /** Started on the real Date (a faked one at start-up would change the OpenAPI document). */
  async function start(overrides: Record<string, string> = {}): Promise<TestApp> {
    const app = await startTestApp({
      ...receiver.settings,
      ...settings,
      DATABASE_URL: database.url,
      ...overrides,
    });
    started.push(app);
    return app;
  }
  async function service(overrides: Record<string, string> = {}): Promise<TestApp> {
    const app = await start(overrides);
    fakeClock();
    freshWindow();
    return app;
  }
  const addRule = (app: TestApp, body: object) =>
    app
      .http()
      .post('/v1/admin/fraud/rules')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .send(body);
  const deleteRule = (app: TestApp, id: string) =>
    app
      .http()
      .delete(`/v1/admin/fraud/rules/${id}`)
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);
  /** The audit log's entries of a route (its pattern). */
  const auditOf = async (app: TestApp, route: string): Promise<unknown[]> =>
    (
      await app
        .http()
        .get('/v1/admin/audit')
        .query({ route, pageSize: 100 })
        .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
        .expect(200)
    ).body.items as unknown[];
  const listRules = (app: TestApp) =>
    app.http().get('/v1/admin/fraud/rules').set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);

  it('a deny rule refuses the next send as SMS_FRAUD_DENY does, and deleting it lets sends pass', async () => {
    const app = await service({ SMS_FRAUD_DENY: '+86199' });
    const byConfig = await requestCode(app, '+8619912340001', lonelyIp()).expect(403);
    await requestCode(app, '+8617712340001', lonelyIp()).expect(202);

    const rule = await addRule(app, { kind: 'deny', value: '+8617712', note: 'pumped' }).expect(
      201,
    );
    expect(rule.body).toMatchObject({
      id: expect.any(String),
      source: 'admin',
      kind: 'deny',
      match: 'prefix',
      value: '+8617712',
      note: 'pumped',
      createdByKind: 'api-key',
      createdBy: null,
    });
    const byAdmin = await requestCode(app, '+8617712340002', lonelyIp()).expect(403);
    expect(byAdmin.body).toEqual(byConfig.body);
    expect(byAdmin.body.code).toBe('FraudDenied');

    await deleteRule(app, rule.body.id).expect(200);
    await requestCode(app, '+8617712340003', lonelyIp()).expect(202);
    await deleteRule(app, rule.body.id).expect(404);
  });

  it('an allow rule lets a send pass a prefix over its budget; deleting it challenges again', async () => {
    const app = await service();
    for (let i = 0; i < 3; i++) await requestCode(app, cnPhone(2, 21), lonelyIp()).expect(202);
    const phone = cnPhone(2, 21);
    const challenged = await requestCode(app, phone, lonelyIp()).expect(403);
    expect(challenged.body).toMatchObject({ code: 'CaptchaRequired', reason: 'fraud_guard' });

    const rule = await addRule(app, { kind: 'allow', value: phone.slice(0, -4) }).expect(201);
    await requestCode(app, cnPhone(2, 21), lonelyIp()).expect(202);
    await requestCode(app, cnPhone(2, 21), lonelyIp()).expect(202);

    await deleteRule(app, rule.body.id).expect(200);
    const again = await requestCode(app, cnPhone(2, 21), lonelyIp()).expect(403);
    expect(again.body.code).toBe('CaptchaRequired');
  });

  it('lists the configuration’s rules read-only and the admins’ with who made them and when', async () => {
    const app = await service({
      SMS_FRAUD_ALLOW: '192.0.2.0/24, +8613800138000',
      SMS_FRAUD_DENY: 'gb',
    });
    await setUpFirstOwner(app, 'rules-owner');
    const operator = await consoleAdmin(app, 'rules-operator', 'operator');
    const created = await app
      .http()
      .post('/v1/admin/fraud/rules')
      .set('Cookie', operator.cookie)
      .set('X-CSRF-Token', operator.csrfToken)
      .send({ kind: 'deny', value: '2001:DB8:AB::/48', note: ' a carrier NAT ' })
      .expect(201);

    const { body } = await listRules(app).expect(200);
    const fromConfig = body.items.filter((rule: { source: string }) => rule.source === 'config');
    expect(fromConfig).toEqual([
      expect.objectContaining({
        id: null,
        kind: 'allow',
        match: 'number',
        value: '+8613800138000',
      }),
      expect.objectContaining({ id: null, kind: 'allow', match: 'cidr', value: '192.0.2.0/24' }),
      expect.objectContaining({
        id: null,
        kind: 'deny',
        match: 'country',
        value: 'GB',
        createdAt: null,
      }),
    ]);
    expect(body.items).toContainEqual({
      id: created.body.id,
      source: 'admin',
      kind: 'deny',
      match: 'cidr',
      value: '2001:db8:ab::/48',
      note: 'a carrier NAT',
      createdByKind: 'session',
      createdBy: 'rules-operator',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const denied = await requestCode(app, cnPhone(3, 31), '2001:db8:ab:1::9').expect(403);
    expect(denied.body.code).toBe('FraudDenied');

    const viewer = await consoleAdmin(app, 'rules-viewer', 'viewer');
    await app.http().get('/v1/admin/fraud/rules').set('Cookie', viewer.cookie).expect(200);
    const refused = await app
      .http()
      .delete(`/v1/admin/fraud/rules/${created.body.id}`)
      .set('Cookie', viewer.cookie)
      .set('X-CSRF-Token', viewer.csrfToken)
      .expect(403);
    expect(refused.body.code).toBe('AdminRoleForbidden');

    await deleteRule(app, created.body.id).expect(200);
    expect(await auditOf(app, '/v1/admin/fraud/rules')).toContainEqual(
      expect.objectContaining({
        actor: 'session',
        adminUsername: 'rules-operator',
        method: 'POST',
        objectId: created.body.id,
        status: 201,
        requestBody: { kind: 'deny', value: '2001:DB8:AB::/48', note: ' a carrier NAT ' },
      }),
    );
    expect(await auditOf(app, '/v1/admin/fraud/rules/:id')).toContainEqual(
      expect.objectContaining({
        actor: 'api-key',
        method: 'DELETE',
        objectId: created.body.id,
        status: 200,
      }),
    );
  });

  it('a rule made through one instance applies on another of the same service within the bound', async () => {
    const shared = { REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:` };
    const first = await start(shared);
    const second = await start(shared);
    fakeClock();
    freshWindow();
    let n = 10;
    const gbPhone = () => `+4474${n++}123456`;
    await requestCode(second, gbPhone(), lonelyIp()).expect(202);

    const rule = await addRule(first, { kind: 'deny', value: 'gb', note: 'burst' }).expect(201);
    const addedAt = performance.now();
    const code = await firstRefusal(second, gbPhone);
    const appliedAfter = performance.now() - addedAt;
    expect(code).toBe('FraudDenied');
    expect(appliedAfter).toBeLessThan(APPLIED_WITHIN_MS);

    await deleteRule(first, rule.body.id).expect(200);
    const deletedAt = performance.now();
    let status = 403;
    while (status === 403 && performance.now() - deletedAt < APPLIED_WITHIN_MS) {
      status = (await requestCode(second, gbPhone(), lonelyIp())).status;
      if (status === 403) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(202);
  });

  /** Sends every 100 ms until one is refused (or the bound is past): the refusal's code. */
  async function firstRefusal(app: TestApp, phone: () => string): Promise<string | undefined> {
    const since = performance.now();
    while (performance.now() - since < APPLIED_WITHIN_MS) {
      const answer = await requestCode(app, phone(), lonelyIp());
      if (answer.status !== 202) return answer.body.code as string;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return undefined;
  }

  it('refuses bad rules with stable codes, and a duplicate with 409', async () => {
    const app = await service({ SMS_FRAUD_DENY: '+86196' });
    for (const value of ['China', '8617012', '+86 170', 'CN, GB', '10.0.0.0/33', '']) {
      const refused = await addRule(app, { kind: 'deny', value }).expect(400);
      expect({ value, body: refused.body }).toEqual({
        value,
        body: expect.objectContaining({ code: 'FraudRuleInvalid', field: 'value' }),
      });
    }
    for (const body of [
      { kind: 'block', value: 'CN' },
      { kind: 'deny' },
      { kind: 'deny', value: 86170 },
      { kind: 'deny', value: 'CN', note: 'x'.repeat(201) },
      { kind: 'deny', value: 'CN', extra: true },
    ]) {
      const refused = await addRule(app, body).expect(400);
      expect(refused.body.code).toBe('InValidParam');
    }
    await deleteRule(app, 'not-a-rule').expect(400);
    const unknown = await deleteRule(app, '00000000-0000-4000-8000-000000000000').expect(404);
    expect(unknown.body.code).toBe('FraudRuleNotFound');

    const first = await addRule(app, { kind: 'deny', value: '+86195' }).expect(201);
    const again = await addRule(app, { kind: 'deny', value: ' +86195 ' }).expect(409);
    expect(again.body.code).toBe('FraudRuleExists');
    const configured = await addRule(app, { kind: 'deny', value: '+86196' }).expect(409);
    expect(configured.body.code).toBe('FraudRuleExists');
    // The same value as an allow rule is another rule (an allow rule wins over a deny rule).
    const allow = await addRule(app, { kind: 'allow', value: '+86195' }).expect(201);
    await deleteRule(app, allow.body.id).expect(200);
    await deleteRule(app, first.body.id).expect(200);
  });
});
