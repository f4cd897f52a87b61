import { AppProcess, eventually, startAppProcess, WORKER_APP } from '../support/app-process';
import { ensureBuiltApp } from '../support/built-app';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import {
  FINAL_STATUSES,
  MessageBacklog,
  MessageRow,
  readMessageRows,
} from '../support/message-records';
import { uniqueCnPhone } from '../support/phones';
import { countBy } from '../support/tally';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';

const NOTIFICATIONS = 200;
const KILL_AFTER_RECEIVED = 40;
// Slow enough that the killed worker has sends in flight.
const PROVIDER_DELAY_MS = 300;
// A job the dead worker held is locked for BullMQ's 30 s, then found by a stalled check
// (every 30 s): about a minute.
const SETTLE_TIMEOUT_MS = 100_000;

/**
 * `kill -9` of one of two worker processes while notifications are in flight (the API works
 * no queue): each notification still ends with exactly one final record, and none reaches the
 * provider twice: one the dead worker had handed to the provider is recorded `unknown`, never
 * sent again.
 */
describe('SIGKILL of a worker with notifications in flight', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let api: TestApp;
  let admin: AdminApi;
  let backlog: MessageBacklog;
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    ensureBuiltApp();
    await receiver.start();
    database = await createIsolatedDatabase();
    api = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      WORKER_EMBEDDED: 'false',
    });
    admin = adminApi(api);
    await approvedSignature(admin, { name: 'shop', content: '示例商城' });
    await approvedTemplate(admin, {
      name: 'shipped',
      kind: 'notification',
      content: '您的订单{{order}}已发出',
    });
    const workerSettings = {
      ...api.settings,
      LOG_LEVEL: 'info',
      DELIVERY_WORKER_CONCURRENCY: '10',
      SMS_NOTIFICATION_RETRY_DELAY_MS: '100',
    };
    workers.push(
      ...(await Promise.all([
        startAppProcess(workerSettings, WORKER_APP),
        startAppProcess(workerSettings, WORKER_APP),
      ])),
    );
    backlog = new MessageBacklog(process.env.REDIS_URL as string, api.settings.REDIS_KEY_PREFIX);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await backlog?.close();
    await api?.close();
    await receiver.stop();
    await database?.drop();
  });

  it('ends every notification with one final record and sends none twice', async () => {
    receiver.setMode({ delayMs: PROVIDER_DELAY_MS });
    const phones = Array.from({ length: NOTIFICATIONS }, () => uniqueCnPhone());
    const ids = new Map<string, string>();
    for (let i = 0; i < phones.length; i += 20) {
      await Promise.all(
        phones.slice(i, i + 20).map(async (phone) => {
          const response = await admin
            .post('/v1/admin/sms/messages', {
              phone,
              template: 'shipped',
              variables: { order: 'A1' },
            })
            .expect(202);
          ids.set(response.body.id as string, phone);
        }),
      );
    }
    await eventually(
      () => Promise.resolve(receiver.received.length >= KILL_AFTER_RECEIVED),
      30_000,
      () => `the receiver got ${receiver.received.length}`,
      20,
    );
    const [killed] = workers;
    await killed.kill();
    const killedAt = Date.now();

    let rows: MessageRow[] = [];
    await eventually(
      async () => {
        if (!(await backlog.isEmpty())) return false;
        rows = await readMessageRows(database.url);
        return rows.length >= ids.size;
      },
      SETTLE_TIMEOUT_MS,
      async () => `backlog ${JSON.stringify(await backlog.counts())}, ${rows.length} records`,
      500,
    );
    const settledAfterKillMs = Date.now() - killedAt;
    const statuses = countBy(rows, (row) => row.status);
    process.stdout.write(
      `Worker killed: ${JSON.stringify({
        notifications: ids.size,
        receiverGot: receiver.received.length,
        receiverAccepted: receiver.received.filter((sms) => sms.answered === 204).length,
        records: rows.length,
        statuses,
        settledAfterKillMs,
      })}\n`,
    );

    // One final record for each notification, and none for anything else.
    expect(rows.map((row) => row.id).sort()).toEqual([...ids.keys()].sort());
    expect(
      rows.filter((row) => !FINAL_STATUSES.includes(row.status) || row.status === 'failed'),
    ).toEqual([]);
    // None reached the provider twice; each one the provider took is recorded, sent or (taken
    // from the dead worker while the provider had it) unknown.
    for (const phone of phones) {
      expect({ phone, received: receiver.messagesTo(phone).length <= 1 }).toEqual({
        phone,
        received: true,
      });
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const sms of receiver.received) {
      expect(['sent', 'unknown']).toContain(byId.get(sms.id)?.status);
    }
    for (const row of rows.filter((row) => row.status === 'sent')) {
      expect(receiver.acceptedTo(row.phone)).toHaveLength(1);
    }
    // The dead worker had sends in flight: they were taken over, as `unknown`.
    expect(rows.filter((row) => row.errorCode === 'WorkerLost').length).toBeGreaterThan(0);
    expect(await backlog.failed()).toBe(0);
  }, 240_000);
});
