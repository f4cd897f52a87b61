import Redis from 'ioredis';
import { DEFAULT_SMS_PURPOSE } from '@app/delivery';
import { Accounts } from '../support/accounts';
import { CaptchaAnswers } from '../support/captcha-answers';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { LocalRedisCluster, startRedisCluster } from '../support/redis-cluster';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { adminApi, notifyAndSettle, shippedNotificationCatalog } from '../templates/catalog-api';
import { clusterSettings, countStatuses, uniqueIp } from './cluster-settings';

const PARALLEL = 20;

/**
 * The service on a real Redis Cluster of 3 masters and 3 replicas (REDIS_CLUSTER=on): codes
 * sent and verified, each limit held under parallel requests (the phone's, the client
 * address', the service's: three different slots), captchas, accounts and the queue.
 */
describe('On a Redis Cluster', () => {
  const receiver = new WebhookReceiver();
  let cluster: LocalRedisCluster;
  let database: IsolatedDatabase;
  const started: TestApp[] = [];

  beforeAll(async () => {
    await receiver.start();
    cluster = await startRedisCluster();
    // Its own database: the catalogue the queue test approves must not reach other suites.
    database = await createIsolatedDatabase();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(started.map((app) => app.close()));
    await cluster?.stop();
    await database?.drop();
    await receiver.stop();
  });

  async function service(overrides: Record<string, string> = {}): Promise<TestApp> {
    const app = await startTestApp({
      ...receiver.settings,
      ...clusterSettings(cluster),
      DATABASE_URL: database.url,
      ...overrides,
    });
    started.push(app);
    return app;
  }

  const send = (app: TestApp, phone: string, ip = uniqueIp()) =>
    app.http().post('/v1/sms/codes').set('X-Forwarded-For', ip).send({ phone });

  it('sends a code that verifies once, its keys tagged with the phone', async () => {
    const app = await service();
    const phone = uniqueCnPhone();
    const purpose = DEFAULT_SMS_PURPOSE;
    await send(app, phone).expect(202);
    const code = receiver.lastCodeFor(phone);
    const verify = () => app.http().post('/v1/sms/codes/verify').send({ phone, code, purpose });
    await verify().expect(200, { verified: true });
    const again = await verify().expect(400);
    expect(again.body.code).toBe('CodeHasValid');

    // The phone's code and resend lock carry its hash tag (one slot for the phone's scripts).
    const client = new Redis.Cluster([{ host: '127.0.0.1', port: cluster.nodes[0].port }]);
    client.on('error', () => undefined);
    try {
      const prefix = app.settings.REDIS_KEY_PREFIX;
      expect(await client.exists(`${prefix}sms:resend:{${phone}}`)).toBe(1);
      expect(await client.hget(`${prefix}sms:code:${purpose}:{${phone}}`, 'state')).toBe('used');
    } finally {
      client.disconnect();
    }
  });

  it('verifies the right code exactly once among 20 parallel verifies, on two instances', async () => {
    const first = await service();
    const second = await service({ REDIS_KEY_PREFIX: first.settings.REDIS_KEY_PREFIX });
    const phone = uniqueCnPhone();
    await send(first, phone).expect(202);
    const code = receiver.lastCodeFor(phone);
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        (i % 2 === 0 ? first : second).http().post('/v1/sms/codes/verify').send({ phone, code }),
      ),
    );
    expect(countStatuses(responses)).toEqual({ 200: 1, 400: PARALLEL - 1 });
  });

  it('sends one SMS for 20 parallel requests for one phone (the resend interval)', async () => {
    const app = await service();
    const phone = uniqueCnPhone();
    const responses = await Promise.all(Array.from({ length: PARALLEL }, () => send(app, phone)));
    expect(countStatuses(responses)).toEqual({ 202: 1, 429: PARALLEL - 1 });
    expect(receiver.messagesTo(phone)).toHaveLength(1);
  });

  it('holds the per-phone daily limit under parallel requests', async () => {
    const app = await service({ SMS_RESEND_INTERVAL_SECONDS: '0', SMS_PHONE_DAILY_LIMIT: '3' });
    const phone = uniqueCnPhone();
    const responses = await Promise.all(Array.from({ length: PARALLEL }, () => send(app, phone)));
    expect(countStatuses(responses)).toEqual({ 202: 3, 429: PARALLEL - 3 });
    expect(new Set(responses.filter((r) => r.status === 429).map((r) => r.body.code))).toEqual(
      new Set(['DailyLimitExceeded']),
    );
    expect(receiver.messagesTo(phone)).toHaveLength(3);
  });

  it('holds the per-IP daily limit under parallel requests, across phones', async () => {
    const app = await service({ SMS_IP_DAILY_LIMIT: '3' });
    const ip = uniqueIp();
    const phones = Array.from({ length: PARALLEL }, () => uniqueCnPhone());
    const responses = await Promise.all(phones.map((phone) => send(app, phone, ip)));
    expect(countStatuses(responses)).toEqual({ 202: 3, 429: PARALLEL - 3 });
    expect(new Set(responses.filter((r) => r.status === 429).map((r) => r.body.code))).toEqual(
      new Set(['IpLimitExceeded']),
    );
    const delivered = phones.filter((phone) => receiver.messagesTo(phone).length > 0);
    expect(delivered).toHaveLength(3);

    // A phone refused for its client address was not counted nor locked: from another address
    // it gets its code at once, and one of the day's sends only.
    const refused = phones.find((_, i) => responses[i].status === 429)!;
    await send(app, refused).expect(202);
  });

  it('holds the service-wide daily limit under parallel requests', async () => {
    const app = await service({ SMS_DAILY_LIMIT: '4' });
    const phones = Array.from({ length: PARALLEL }, () => uniqueCnPhone());
    const responses = await Promise.all(phones.map((phone) => send(app, phone)));
    expect(countStatuses(responses)).toEqual({ 202: 4, 429: PARALLEL - 4 });
    expect(new Set(responses.filter((r) => r.status === 429).map((r) => r.body.code))).toEqual(
      new Set(['ServiceLimitExceeded']),
    );
    expect(phones.filter((phone) => receiver.messagesTo(phone).length > 0)).toHaveLength(4);
  });

  it('takes back a refused send’s counts: the IP limit spends no phone’s daily send', async () => {
    const app = await service({
      SMS_RESEND_INTERVAL_SECONDS: '0',
      SMS_IP_DAILY_LIMIT: '1',
      SMS_PHONE_DAILY_LIMIT: '1',
    });
    const ip = uniqueIp();
    await send(app, uniqueCnPhone(), ip).expect(202);
    const phone = uniqueCnPhone();
    for (let i = 0; i < 3; i++) {
      const refused = await send(app, phone, ip).expect(429);
      expect(refused.body.code).toBe('IpLimitExceeded');
    }
    // Its one send of the day is still there.
    await send(app, phone).expect(202);
    const spent = await send(app, phone).expect(429);
    expect(spent.body.code).toBe('DailyLimitExceeded');
  });

  it('draws a captcha and accepts its answer once', async () => {
    const app = await service({ CAPTCHA_RATE_LIMIT: '100000' });
    const answers = new CaptchaAnswers(app.app);
    const issued = await app.http().post('/v1/captcha').send({}).expect(201);
    const verified = await app
      .http()
      .post('/v1/captcha/verify')
      .send({ captchaToken: issued.body.captchaToken, answer: answers.last })
      .expect(200);
    expect(verified.body.validateToken).toEqual(expect.any(String));
    const replay = await app
      .http()
      .post('/v1/captcha/verify')
      .send({ captchaToken: issued.body.captchaToken, answer: answers.last })
      .expect(400);
    expect(replay.body.code).toEqual(expect.any(String));
  });

  it('signs up and logs in with a password and with a code', async () => {
    const app = await service({ SMS_RESEND_INTERVAL_SECONDS: '0' });
    const accounts = new Accounts(app, receiver);
    const password = 'correct horse battery';
    const account = await accounts.signUp({ password });
    const byPassword = await app
      .http()
      .post('/v1/sessions')
      .send({ phone: account.phone, password })
      .expect(201);
    expect(byPassword.body.user.id).toBe(account.user.id);
    const code = await accounts.codeFor(account.phone, 'login');
    const byCode = await app
      .http()
      .post('/v1/sessions')
      .send({ phone: account.phone, code })
      .expect(201);
    expect(byCode.body.user.id).toBe(account.user.id);
    await accounts.me(byCode.body.sessionToken as string).expect(200);
  });

  it('delivers a queued message through the worker', async () => {
    const app = await service();
    const admin = adminApi(app);
    await shippedNotificationCatalog(admin);
    const phone = uniqueCnPhone();
    const message = await notifyAndSettle(admin, {
      phone,
      template: 'shipped',
      variables: { order: 'C1' },
    });
    expect(message).toMatchObject({ status: 'sent', provider: 'webhook' });
    expect(receiver.acceptedTo(phone)).toHaveLength(1);
    await admin.get('/v1/admin/queues').expect(200);
    await app.http().get('/health/ready').expect(200);
  });
});
