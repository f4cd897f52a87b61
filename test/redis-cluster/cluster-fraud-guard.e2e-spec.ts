import { Cluster } from 'ioredis';
import { CaptchaAnswers, solveCaptcha } from '../support/captcha-answers';
import { fakeClock } from '../support/clock';
import { createIsolatedDatabase, IsolatedDatabase, withClient } from '../support/isolated-database';
import { LocalRedisCluster, startRedisCluster } from '../support/redis-cluster';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import {
  clearWatchedKey,
  cnPhone,
  freshWindow,
  lonelyIp,
  requestCode,
  verifyCode,
} from '../fraud/fraud-support';
import { clusterSettings, countStatuses } from './cluster-settings';

const HOUR_MS = 3600_000;
const PARALLEL = 20;
/** A number prefix's hourly floor: its 4th unverified code of an hour is challenged. */
const PREFIX_HOURLY_BUDGET = 3;

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The pumping defence (SMS_FRAUD_GUARD=enforce) on a real Redis Cluster of 3 masters: its
 * watched keys live in several slots and are checked and counted one slot at a time; the
 * budgets hold, give back, answer the admin routes and are rebuilt after a flush of every master.
 */
describe('The fraud guard on a Redis Cluster', () => {
  const receiver = new WebhookReceiver();
  let cluster: LocalRedisCluster;
  let database: IsolatedDatabase;
  let redis: Cluster;
  const keyPrefix = `test:fraud-cluster-${Date.now()}:`;
  const started: TestApp[] = [];

  beforeAll(async () => {
    await receiver.start();
    cluster = await startRedisCluster();
    // Its own database: the seed reads every record of the last 14 days.
    database = await createIsolatedDatabase();
    redis = new Cluster([{ host: '127.0.0.1', port: cluster.nodes[0].port }]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(started.map((app) => app.close()));
    redis?.disconnect();
    await cluster?.stop();
    await database?.drop();
    await receiver.stop();
  });
  afterEach(() => jest.useRealTimers());

  async function service(): Promise<TestApp> {
    const app = await startTestApp({
      ...receiver.settings,
      ...clusterSettings(cluster),
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: keyPrefix,
      SMS_RESEND_INTERVAL_SECONDS: '0',
      CAPTCHA_RATE_LIMIT: '100000',
      SMS_FRAUD_GUARD: 'enforce',
      SMS_ALLOWED_REGIONS: '*',
    });
    started.push(app);
    return app;
  }

  const admin = (app: TestApp, path: string) =>
    app.http().get(path).set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);
  const prefixKey = (phone: string) => `${keyPrefix}fraud:prefix:{${phone.slice(0, -4)}}`;
  const sentThisHourIn = async (key: string): Promise<number> =>
    Number((await redis.hget(key, `s${Math.floor(Date.now() / HOUR_MS)}`)) ?? '0');
  const sentThisHour = (phone: string): Promise<number> => sentThisHourIn(prefixKey(phone));

  let app: TestApp;
  let answers: CaptchaAnswers;
  beforeAll(async () => {
    app = await service();
    answers = new CaptchaAnswers(app.app);
  }, 60_000);
  beforeEach(() => {
    fakeClock();
    freshWindow();
  });

  it('challenges the 4th unverified code of an hour to a prefix, and takes codes again once they verify', async () => {
    const phones = Array.from({ length: PREFIX_HOURLY_BUDGET }, () => cnPhone(0, 1));
    for (const phone of phones) await requestCode(app, phone, lonelyIp()).expect(202);
    const refused = await requestCode(app, cnPhone(0, 1), lonelyIp()).expect(403);
    expect(refused.body).toMatchObject({ code: 'CaptchaRequired', reason: 'fraud_guard' });
    // The prefix's key is tagged with its value: its own slot, not the phone's.
    expect(await sentThisHour(phones[0])).toBe(PREFIX_HOURLY_BUDGET);

    await receiver.waitForCount(receiver.received.length);
    for (const phone of phones) {
      await verifyCode(app, phone, receiver.lastCodeFor(phone)).expect(200);
    }
    // The give-back runs after the verify's answer, one call per watched key.
    await until(
      async () =>
        (await redis.hget(prefixKey(phones[0]), `v${Math.floor(Date.now() / HOUR_MS)}`)) === '3',
      'the give-back',
    );
    for (let i = 0; i < PREFIX_HOURLY_BUDGET; i++) {
      await requestCode(app, cnPhone(0, 1), lonelyIp()).expect(202);
    }
  });

  it('holds the budget against parallel attackers from different IPs, refused sends counted nowhere', async () => {
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () => requestCode(app, cnPhone(1, 7), lonelyIp())),
    );
    const statuses = countStatuses(responses);
    // A refused send's counts are taken back after its refusal: a parallel send may see them
    // and be refused too, never let through beyond the budget.
    expect(statuses[202]).toBeGreaterThanOrEqual(1);
    expect(statuses[202]).toBeLessThanOrEqual(PREFIX_HOURLY_BUDGET);
    expect(statuses[403]).toBe(PARALLEL - statuses[202]);
    for (const refused of responses.filter((response) => response.status === 403)) {
      expect(refused.body).toMatchObject({ code: 'CaptchaRequired', reason: 'fraud_guard' });
    }
    expect(await sentThisHour(cnPhone(1, 7))).toBe(statuses[202]);
  });

  it('answers the overview, the decisions and a clearance', async () => {
    for (let i = 0; i < PREFIX_HOURLY_BUDGET; i++) {
      await requestCode(app, cnPhone(2, 44), lonelyIp()).expect(202);
    }
    const phone = cnPhone(2, 44);
    await requestCode(app, phone, lonelyIp()).expect(403);
    const prefix = phone.slice(0, -4);

    const decisionsOf = `/v1/admin/fraud/decisions?phone=${encodeURIComponent(phone)}`;
    let decisions: Array<Record<string, unknown>> = [];
    await until(async () => {
      decisions = (await admin(app, decisionsOf).expect(200)).body.items;
      return decisions.length === 1;
    }, 'the recorded decision');
    expect(decisions[0]).toMatchObject({
      action: 'challenge',
      outcome: 'refused',
      keyKind: 'prefix',
      keyValue: prefix,
    });

    const { body } = await admin(app, '/v1/admin/fraud/overview').expect(200);
    expect(body.prefixes).toContainEqual(
      expect.objectContaining({ value: prefix, sent: 3, unverified: 3, state: 'challenged' }),
    );
    expect(body.countries).toContainEqual(expect.objectContaining({ value: 'CN' }));

    const cleared = await clearWatchedKey(app, 'prefix', prefix).expect(200);
    expect(cleared.body).toEqual({ cleared: 3 });
    await requestCode(app, cnPhone(2, 44), lonelyIp()).expect(202);
  });

  it("challenges an IP's 4th country, taking back the earlier keys' counts; a solved captcha passes it", async () => {
    const ip = lonelyIp();
    for (const phone of ['+8613812345678', '+447400123456', '+12015550123']) {
      await requestCode(app, phone, ip).expect(202);
    }
    const france = `${keyPrefix}fraud:country:{FR}`;
    const countries = `${keyPrefix}fraud:ip-countries:{${ip}}`;
    const refused = await requestCode(app, '+33612345678', ip).expect(403);
    expect(refused.body).toMatchObject({ code: 'CaptchaRequired', reason: 'fraud_guard' });
    // The IP's step refused after the country's, range's and prefix's steps had counted it.
    expect(await sentThisHourIn(france)).toBe(0);
    expect(await redis.zcard(countries)).toBe(3);

    const validateToken = await solveCaptcha(app, answers, ip);
    await requestCode(app, '+33612345679', ip, { validateToken }).expect(202);
    expect(await sentThisHourIn(france)).toBe(1);
    expect(await redis.zcard(countries)).toBe(4);
    expect(await sentThisHourIn(`${keyPrefix}fraud:ip:{${ip}}`)).toBe(4);
  });

  it('rebuilds the budgets from the records after FLUSHALL on every master', async () => {
    // The records are dated by PostgreSQL, and the seed reads the 14 days before the app's now.
    jest.useRealTimers();
    for (let i = 0; i < PREFIX_HOURLY_BUDGET; i++) {
      await requestCode(app, cnPhone(3, 9), lonelyIp()).expect(202);
    }
    await requestCode(app, cnPhone(3, 9), lonelyIp()).expect(403);
    // The send records are written in batches after the answers.
    await until(async () => {
      const { rows } = await withClient(database.url, (client) =>
        client.query<{ n: string }>('SELECT count(*) AS n FROM sms_messages WHERE phone LIKE $1', [
          `${cnPhone(3, 9).slice(0, -4)}%`,
        ]),
      );
      return Number(rows[0].n) === PREFIX_HOURLY_BUDGET;
    }, 'the send records');
    started.splice(started.indexOf(app), 1);
    await app.close();

    await Promise.all(redis.nodes('master').map((node) => node.flushall()));
    expect(await sentThisHour(cnPhone(3, 9))).toBe(0);
    app = await service();
    await until(async () => (await redis.exists(`${keyPrefix}fraud:seeded`)) === 1, 'the seed');
    const refused = await requestCode(app, cnPhone(3, 9), lonelyIp()).expect(403);
    expect(refused.body).toMatchObject({ code: 'CaptchaRequired', reason: 'fraud_guard' });
  });
});
