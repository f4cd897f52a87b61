import Redis from 'ioredis';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { startMonitor } from '../support/redis-monitor';
import { cnPhone, lonelyIp, requestCode } from './fraud-support';

/**
 * The guard is counted inside the reserve script: a send costs the same Redis round trips with
 * it as without. Counted with MONITOR, on the commands that name this app's code and fraud keys
 * (under its own REDIS_KEY_PREFIX), so suites running alongside on the same Redis do not count.
 */
describe('Fraud guard: no Redis round trip added to the send path', () => {
  const receiver = new WebhookReceiver();
  const started: TestApp[] = [];
  // Its own database: the start-up seed reads every record, and other suites' sends of the
  // last hour would put the country over its budget.
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

  async function commandsPerSend(guard: string, range: number): Promise<Record<string, number>> {
    const app = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      TRUST_PROXY: 'true',
      SMS_FRAUD_GUARD: guard,
    });
    started.push(app);
    const prefix = app.settings.REDIS_KEY_PREFIX;
    // The start-up seed of the budgets writes keys of its own: counted apart from the sends.
    if (guard !== 'off') await seeded(prefix);
    // A warm-up send: each script's first run in this Redis loads it (EVAL after NOSCRIPT).
    await requestCode(app, cnPhone(range + 5, 99), lonelyIp()).expect(202);
    const counts: Record<string, number> = {};
    const monitor = await startMonitor(process.env.REDIS_URL!, (source, command, line) => {
      // The code store's and the guard's keys only: the queue's commands (BullMQ's scripts,
      // its workers' blocking waits) are paced by time as much as by sends.
      if (source === 'lua') return;
      if (!line.includes(`"${prefix}sms:`) && !line.includes(`"${prefix}fraud:`)) return;
      counts[command] = (counts[command] ?? 0) + 1;
    });
    const sends = 10;
    try {
      for (let i = 0; i < sends; i++) {
        await requestCode(app, cnPhone(range + (i % 5), i), lonelyIp()).expect(202);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      monitor.destroy();
    }
    return Object.fromEntries(Object.entries(counts).map(([name, n]) => [name, n / sends]));
  }

  async function seeded(prefix: string): Promise<void> {
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const deadline = Date.now() + 15_000;
      while ((await redis.exists(`${prefix}fraud:seeded`)) === 0) {
        if (Date.now() > deadline) throw new Error('The budgets were not seeded');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      redis.disconnect();
    }
  }

  it('sends with the guard enforcing in as many round trips as with it off: one reserve script', async () => {
    const off = await commandsPerSend('off', 0);
    const enforce = await commandsPerSend('enforce', 10);
    expect(off).toEqual({ evalsha: 1 });
    expect(enforce).toEqual({ evalsha: 1 });
  });
});
