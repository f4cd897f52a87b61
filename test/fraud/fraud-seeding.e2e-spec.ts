import Redis from 'ioredis';
import { Client } from 'pg';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { cnPhone, lonelyIp, requestCode, verifyCode } from './fraud-support';

/**
 * Real clock: the records are written at the real time, and the rebuilt budgets are read at it.
 * An isolated database, as the seed reads every record of the last 14 days.
 */
describe('Fraud guard: budgets rebuilt from the records after Redis lost them', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let redis: Redis;
  const started: TestApp[] = [];
  const prefix = `test:fraud-seed-${Date.now()}:`;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    redis = new Redis(process.env.REDIS_URL!);
  });
  afterAll(async () => {
    await Promise.all(started.map((app) => app.close()));
    await receiver.stop();
    redis.disconnect();
    await database.drop();
  });

  const service = async (): Promise<TestApp> => {
    const app = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: prefix,
      TRUST_PROXY: 'true',
      SMS_RESEND_INTERVAL_SECONDS: '0',
      SMS_FRAUD_GUARD: 'enforce',
    });
    started.push(app);
    return app;
  };

  async function recordCount(): Promise<number> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM sms_messages');
      return Number(rows[0].n);
    } finally {
      await client.end();
    }
  }

  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('keeps a prefix over its budget, and a verified one within it, across a flush and a restart', async () => {
    const first = await service();
    const overBudget = [cnPhone(30, 1), cnPhone(30, 1), cnPhone(30, 1)];
    const verified = [cnPhone(31, 1), cnPhone(31, 1), cnPhone(31, 1)];
    // One of them asks twice: the code it verifies carries the first, and the seed gives both
    // back too (else the prefix would take one code fewer after the restart).
    await requestCode(first, verified[0], lonelyIp()).expect(202);
    for (const phone of [...overBudget, ...verified]) {
      await requestCode(first, phone, lonelyIp()).expect(202);
      if (phone === verified[0]) {
        await until(
          () => Promise.resolve(receiver.messagesTo(phone).length === 2),
          'the second code',
        );
        await verifyCode(first, phone, receiver.lastCodeFor(phone)).expect(200);
      }
    }
    for (const phone of verified.slice(1)) {
      await verifyCode(first, phone, receiver.lastCodeFor(phone)).expect(200);
    }
    await requestCode(first, cnPhone(30, 1), lonelyIp()).expect(403);
    await until(async () => (await recordCount()) === 7, 'the 7 send records');
    // The marks of verified codes are written after the answer too.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    await until(async () => {
      const { rows } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM sms_messages WHERE verified_at IS NOT NULL',
      );
      return Number(rows[0].n) === 3;
    }, 'the 3 verified marks');
    await client.end();
    await first.close();

    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);

    const second = await service();
    await until(async () => (await redis.exists(`${prefix}fraud:seeded`)) === 1, 'the seed');
    const refused = await requestCode(second, cnPhone(30, 1), lonelyIp()).expect(403);
    expect(refused.body).toMatchObject({ code: 'CaptchaRequired', reason: 'fraud_guard' });
    for (let i = 0; i < 3; i++) await requestCode(second, cnPhone(31, 1), lonelyIp()).expect(202);
  });
});
