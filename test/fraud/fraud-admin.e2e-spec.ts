import { fakeClock } from '../support/clock';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { clearWatchedKey, cnPhone, freshWindow, lonelyIp, requestCode } from './fraud-support';

const settings = {
  TRUST_PROXY: 'true',
  SMS_RESEND_INTERVAL_SECONDS: '0',
  SMS_FRAUD_GUARD: 'enforce',
};

describe('Fraud guard: decisions, overview, clearing a block', () => {
  const receiver = new WebhookReceiver();
  const started: TestApp[] = [];
  beforeAll(() => receiver.start());
  afterAll(async () => {
    await Promise.all(started.map((app) => app.close()));
    await receiver.stop();
  });
  afterEach(() => jest.useRealTimers());

  async function service(overrides: Record<string, string> = {}): Promise<TestApp> {
    const app = await startTestApp({ ...receiver.settings, ...settings, ...overrides });
    started.push(app);
    fakeClock();
    freshWindow();
    return app;
  }
  const admin = (app: TestApp, path: string) =>
    app.http().get(path).set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);

  it('record mode lets every send through and records what enforce would have done', async () => {
    const app = await service({ SMS_FRAUD_GUARD: 'record' });
    const phones = Array.from({ length: 5 }, () => cnPhone(6, 33));
    for (const phone of phones) await requestCode(app, phone, lonelyIp()).expect(202);
    const { body } = await admin(
      app,
      `/v1/admin/fraud/decisions?phone=${encodeURIComponent(phones[4])}`,
    ).expect(200);
    expect(body.items).toEqual([
      expect.objectContaining({
        phone: phones[4],
        country: 'CN',
        prefix: phones[4].slice(0, -4),
        keyKind: 'prefix',
        keyValue: phones[4].slice(0, -4),
        unverified: 4,
        budget: 5,
        action: 'challenge',
        outcome: 'recorded',
      }),
    ]);
  });

  it('lists refusals the newest first, a page at a time, and the overview shows the prefix challenged (its next send would be)', async () => {
    const app = await service();
    for (let i = 0; i < 3; i++) await requestCode(app, cnPhone(7, 44), lonelyIp()).expect(202);
    const phone = cnPhone(7, 44);
    for (let i = 0; i < 3; i++) await requestCode(app, phone, lonelyIp()).expect(403);
    const query = `/v1/admin/fraud/decisions?phone=${encodeURIComponent(phone)}&limit=2`;
    const first = await admin(app, query).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({ action: 'challenge', outcome: 'refused' });
    expect(Number(first.body.items[0].id)).toBeGreaterThan(Number(first.body.items[1].id));
    const second = await admin(app, `${query}&before=${first.body.next}`).expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.next).toBeNull();

    const { body } = await admin(app, '/v1/admin/fraud/overview').expect(200);
    const prefix = cnPhone(7, 44).slice(0, -4);
    expect(body.prefixes).toContainEqual({
      value: prefix,
      sent: 3,
      verified: 0,
      conversion: 0,
      unverified: 3,
      budget: 5,
      state: 'challenged',
    });
    expect(body.countries).toContainEqual(expect.objectContaining({ value: 'CN', sent: 3 }));
  });

  it('clears a block: the prefix takes codes again at once', async () => {
    const app = await service({ SMS_FRAUD_CHALLENGE: 'block' });
    for (let i = 0; i < 3; i++) await requestCode(app, cnPhone(8, 55), lonelyIp()).expect(202);
    await requestCode(app, cnPhone(8, 55), lonelyIp()).expect(429);
    const prefix = cnPhone(8, 55).slice(0, -4);
    const overview = await admin(app, '/v1/admin/fraud/overview').expect(200);
    expect(overview.body.prefixes).toContainEqual(expect.objectContaining({ value: prefix }));
    const cleared = await clearWatchedKey(app, 'prefix', prefix).expect(200);
    expect(cleared.body).toEqual({ cleared: 3 });
    await requestCode(app, cnPhone(8, 55), lonelyIp()).expect(202);
  });

  it('refuses an unknown kind and is for admins only', async () => {
    const app = await service();
    const bad = await app
      .http()
      .post('/v1/admin/fraud/clear')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .send({ kind: 'planet', value: 'x' })
      .expect(400);
    expect(bad.body.code).toBe('InValidParam');
    await app.http().get('/v1/admin/fraud/overview').expect(401);
  });
});
