import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { monthStart } from '../../libs/delivery/src/records/message-months';
import { applyMigrations } from '../../libs/prisma/src/migrator';
import { fakeClock } from '../support/clock';
import { createIsolatedDatabase, IsolatedDatabase, withClient } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import {
  AdminApi,
  adminApi,
  notifyAndSettle,
  shippedNotificationCatalog,
} from '../templates/catalog-api';

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'prisma', 'migrations');
const PARTITIONING = '20261215000000_partitioned_messages';
const DAY_MS = 24 * 60 * 60 * 1000;

const partitionName = (month: Date): string =>
  `sms_messages_${month.toISOString().slice(0, 7).replace('-', '_')}`;

async function partitionsOf(url: string, ids: string[]): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ partition: string }>(
      `SELECT tableoid::regclass::text AS partition FROM sms_messages
        WHERE id = ANY($1::uuid[]) ORDER BY created_at`,
      [ids],
    );
    return rows.map((row) => row.partition);
  });
}

/**
 * sms_messages partitioned by month: the migration keeps the rows written before it (listed,
 * found, counted by the admin API afterwards), and messages written on both sides of a month's
 * end go to their months and are listed and counted together.
 */
describe('Message records partitioned by month', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;
  const phone = uniqueCnPhone();
  const before: Array<{ id: string; createdAt: Date }> = [];

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase({ migratedUpTo: PARTITIONING });
    // Rows of three months (two before this one), written by the service before the upgrade.
    const now = Date.now();
    for (const age of [70, 35, 0]) {
      before.push({ id: randomUUID(), createdAt: new Date(now - age * DAY_MS - 60_000) });
    }
    await withClient(database.url, async (client) => {
      for (const row of before) {
        await client.query(
          `INSERT INTO sms_messages (id, phone, purpose, provider, status, content, segments,
             created_at, kind)
           VALUES ($1, $2, 'login', 'console', 'sent', 'code ******', 1, $3, 'verification')`,
          [row.id, phone, row.createdAt],
        );
      }
    });
    await applyMigrations({ databaseUrl: database.url, migrationsDir: MIGRATIONS_DIR });
    service = await startTestApp({ ...receiver.settings, DATABASE_URL: database.url });
    admin = adminApi(service);
    await shippedNotificationCatalog(admin);
  });

  afterEach(() => jest.useRealTimers());

  afterAll(async () => {
    await service?.close();
    await receiver.stop();
    await database?.drop();
  });

  it('keeps the rows written before the migration: listed, found by id and counted', async () => {
    const listed = await admin.get('/v1/admin/sms/messages', { phone }).expect(200);
    expect(listed.body.total).toBe(3);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual(
      [...before].reverse().map((row) => row.id),
    );
    for (const row of before) {
      const found = await admin.get(`/v1/admin/sms/messages/${row.id}`).expect(200);
      expect(found.body).toMatchObject({ id: row.id, phone, status: 'sent' });
    }
    const stats = await admin
      .get('/v1/admin/sms/stats', {
        from: new Date(Date.now() - 80 * DAY_MS).toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
        groupBy: 'day',
      })
      .expect(200);
    expect(stats.body.totals).toMatchObject({ messages: 3, sent: 3, codesSent: 3 });
    expect(
      await partitionsOf(
        database.url,
        before.map((row) => row.id),
      ),
    ).toEqual(before.map((row) => partitionName(monthStart(row.createdAt))));
  });

  it('writes messages made on both sides of a month end to their months, and lists them together', async () => {
    const boundary = monthStart(new Date(), 1);
    const notifyPhone = uniqueCnPhone();
    fakeClock();
    const ids: string[] = [];
    for (const at of [boundary.getTime() - 1500, boundary.getTime() + 1500]) {
      jest.setSystemTime(at);
      const message = await notifyAndSettle(admin, {
        phone: notifyPhone,
        template: 'shipped',
        variables: { order: 'A1' },
      });
      expect(message).toMatchObject({ status: 'sent', provider: 'webhook' });
      ids.push(message.id);
    }

    expect(await partitionsOf(database.url, ids)).toEqual([
      partitionName(monthStart(boundary, -1)),
      partitionName(boundary),
    ]);
    const range = {
      from: new Date(boundary.getTime() - 60_000).toISOString(),
      to: new Date(boundary.getTime() + 60_000).toISOString(),
    };
    const listed = await admin
      .get('/v1/admin/sms/messages', { phone: notifyPhone, ...range })
      .expect(200);
    expect(listed.body.total).toBe(2);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([...ids].reverse());
    const byDay = await admin.get('/v1/admin/sms/stats', { ...range, groupBy: 'day' }).expect(200);
    expect(byDay.body.groups).toEqual([
      expect.objectContaining({
        key: new Date(boundary.getTime() - DAY_MS).toISOString().slice(0, 10),
        messages: 1,
      }),
      expect.objectContaining({ key: boundary.toISOString().slice(0, 10), messages: 1 }),
    ]);
    for (const id of ids) {
      await admin.get(`/v1/admin/sms/messages/${id}`).expect(200);
    }
  });
});
