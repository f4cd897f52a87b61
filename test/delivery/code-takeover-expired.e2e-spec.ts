import { randomBytes } from 'node:crypto';
import { AppProcess, eventually, startAppProcess } from '../support/app-process';
import { ensureBuiltApp } from '../support/built-app';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { MessageBacklog, MessageRow, readMessageRows } from '../support/message-records';
import { uniqueCnPhone } from '../support/phones';
import { WebhookReceiver } from '../support/webhook-receiver';

// The shortest life a code can have (SMS_CODE_TTL_MINUTES is whole minutes, at least 1), and a
// provider timeout that holds the code's job past it: 50 s × 1 provider + the 10 s margin.
const CODE_TTL_MINUTES = 1;
const PROVIDER_TIMEOUT_MS = 50_000;
const TAKEOVER_DELAY_MS = PROVIDER_TIMEOUT_MS + 10_000;

/**
 * A code whose process died mid-send is taken over by another worker once its job's delay is
 * over; if the code died meanwhile, it is recorded `expired` and never sent. (About a minute:
 * a code lives at least one.)
 */
describe('A code taken over after it expired', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    ensureBuiltApp();
    await receiver.start();
    // The provider holds the request: the send is in flight when its process is killed.
    receiver.setMode({ delayMs: 10 * 60_000 });
    database = await createIsolatedDatabase();
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes.map((app) => app.kill()));
    await receiver.stop();
    await database?.drop();
  });

  it('is recorded expired, not sent, once its delay is over', async () => {
    const settings = {
      ...receiver.settings,
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
      SMS_CODE_TTL_MINUTES: String(CODE_TTL_MINUTES),
      SMS_PROVIDER_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS),
    };
    const backlog = new MessageBacklog(process.env.REDIS_URL as string, settings.REDIS_KEY_PREFIX);
    try {
      const first = await startAppProcess(settings);
      processes.push(first);
      const phone = uniqueCnPhone();
      const requestedAt = Date.now();
      const cut = fetch(`${first.url}/v1/sms/codes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone }),
      }).then(
        (response) => response.status,
        () => 'cut' as const,
      );
      await eventually(
        () => Promise.resolve(receiver.messagesTo(phone).length > 0),
        20_000,
        () => 'the provider never got the code',
        20,
      );
      await first.kill();
      expect(await cut).toBe('cut');

      // Another process, on at once: it holds the job for the whole delay, then takes it over.
      processes.push(await startAppProcess(settings));
      let rows: MessageRow[] = [];
      await eventually(
        async () => {
          rows = await readMessageRows(database.url);
          return rows.length > 0;
        },
        TAKEOVER_DELAY_MS + 30_000,
        async () => `no record; backlog ${JSON.stringify(await backlog.counts())}`,
        500,
      );
      const recordedAfterMs = Date.now() - requestedAt;
      process.stdout.write(`Expired takeover: recorded ${recordedAfterMs} ms after the request\n`);

      expect(rows).toEqual([
        expect.objectContaining({ phone, status: 'expired', errorCode: 'CodeExpired' }),
      ]);
      expect(recordedAfterMs).toBeGreaterThanOrEqual(TAKEOVER_DELAY_MS);
      // Only the first, lost send reached the provider: the dead code was not sent again.
      expect(receiver.messagesTo(phone)).toHaveLength(1);
      await eventually(
        () => backlog.isEmpty(),
        10_000,
        async () => JSON.stringify(await backlog.counts()),
      );
      expect(await backlog.failed()).toBe(0);
    } finally {
      await backlog.close();
    }
  }, 180_000);
});
