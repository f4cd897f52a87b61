import { uniqueCnPhone } from './support/phones';
import { startMonitor } from './support/redis-monitor';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * A verify is one Redis round trip: the per-IP throttle hit is counted inside the verify script.
 * Counted with MONITOR on the commands that name this app's code and throttle keys (under its
 * own REDIS_KEY_PREFIX), so suites running alongside on the same Redis do not count, nor do the
 * queue's commands (its worker delivering the codes sent before, paced by time, not by verifies).
 */
describe('Verifying a code: one Redis round trip', () => {
  const receiver = new WebhookReceiver();
  let app: TestApp;

  beforeAll(async () => {
    await receiver.start();
    app = await startTestApp({ ...receiver.settings, THROTTLE_LIMIT: '1000' });
  });

  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  /** The commands per request that name the app's keys, while `requests` run one by one. */
  async function commandsPer(
    requests: number,
    run: (request: number) => Promise<unknown>,
  ): Promise<Record<string, number>> {
    const prefix = app.settings.REDIS_KEY_PREFIX;
    const counts: Record<string, number> = {};
    const monitor = await startMonitor(process.env.REDIS_URL!, (source, command, line) => {
      if (source === 'lua') return;
      if (!line.includes(`"${prefix}sms:`) && !line.includes(`"${prefix}throttle:`)) return;
      counts[command] = (counts[command] ?? 0) + 1;
    });
    try {
      for (let request = 0; request < requests; request++) await run(request);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      monitor.destroy();
    }
    return Object.fromEntries(Object.entries(counts).map(([name, n]) => [name, n / requests]));
  }

  const verify = (body: object) => app.http().post('/v1/sms/codes/verify').send(body);

  it('answers a wrong code and a right one, throttle hit included, in one script each', async () => {
    const phones = Array.from({ length: 5 }, () => uniqueCnPhone());
    for (const phone of phones) await app.http().post('/v1/sms/codes').send({ phone }).expect(202);
    // A warm-up: each script's first run in this Redis loads it (EVAL after NOSCRIPT).
    await verify({ phone: uniqueCnPhone(), code: '000000' }).expect(400);

    const perVerify = await commandsPer(10, async (request) => {
      const phone = phones[request % 5];
      const code = request < 5 ? '000000' : receiver.lastCodeFor(phone);
      await verify({ phone, code }).expect(request < 5 ? 400 : 200);
    });
    expect(perVerify).toEqual({ evalsha: 1 });
  });

  it('counts the hit of a request refused before its script in one command too', async () => {
    const perRefusal = await commandsPer(5, () => verify({ code: '123456' }).expect(400));
    expect(perRefusal).toEqual({ evalsha: 1 });
  });
});
