import { getQueueToken } from '@nestjs/bullmq';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Job, Queue } from 'bullmq';
import { PrismaService } from '@app/prisma';
import { QUEUES } from '@app/queue';
import { monthStart } from '../libs/delivery/src/records/message-months';
import { createIsolatedDatabase, IsolatedDatabase } from './support/isolated-database';
import { uniqueCnPhone } from './support/phones';
import { expectRollupsEqualRaw } from './support/stats-rollup';
import { startTestApp, TestApp } from './support/test-app';

const PERIOD_MS = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const JOBS = [
  'purge-expired-sessions',
  'delete-old-sms-records',
  'create-sms-record-months',
  'delete-old-lifecycle-events',
  'delete-old-fraud-decisions',
  'fold-sms-stats',
  'delete-old-sms-replies',
  'resume-stranded-campaigns',
];
/** fold-sms-stats has a period of its own (SMS_STATS_FOLD_INTERVAL_SECONDS). */
const FOLD_PERIOD_MS = 2000;

const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY_MS);

async function insertSession(
  prisma: PrismaService,
  userId: string,
  expiresAt: Date,
): Promise<string> {
  const id = randomUUID();
  await prisma.session.create({
    data: {
      id,
      userId,
      tokenHash: randomBytes(16).toString('hex'),
      createdAt: daysAgo(40),
      lastUsedAt: daysAgo(40),
      expiresAt,
    },
  });
  return id;
}

async function insertRecord(prisma: PrismaService, createdAt: Date): Promise<string> {
  const id = randomUUID();
  await prisma.smsMessage.create({
    data: {
      id,
      phone: uniqueCnPhone(),
      purpose: 'login',
      provider: 'console',
      status: 'sent',
      content: 'code',
      segments: 1,
      createdAt,
    },
  });
  return id;
}

async function insertReply(prisma: PrismaService, receivedAt: Date): Promise<string> {
  const reply = await prisma.smsReply.create({
    data: {
      provider: 'tencent',
      dedupeKey: randomUUID(),
      phone: uniqueCnPhone(),
      text: 'R',
      optOut: true,
      repliedAt: receivedAt,
      receivedAt,
    },
  });
  return reply.id;
}

async function completedRuns(queue: Queue, name: string): Promise<Job[]> {
  const jobs = await queue.getJobs(['completed'], 0, -1);
  return jobs.filter((job) => job.name === name);
}

async function waitForRuns(queue: Queue, runs: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const counts = await Promise.all(JOBS.map((name) => completedRuns(queue, name)));
    if (counts.every((jobs) => jobs.length >= runs)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Fewer than ${runs} runs of each periodic job within 20 s`);
}

const partitionName = (month: Date): string =>
  `sms_messages_${month.toISOString().slice(0, 7).replace('-', '_')}`;

async function partitionOf(prisma: PrismaService, id: string): Promise<string | undefined> {
  const rows = await prisma.$queryRaw<Array<{ partition: string }>>`
    SELECT tableoid::regclass::text AS partition FROM sms_messages WHERE id = ${id}::uuid`;
  return rows[0]?.partition;
}

async function partitions(prisma: PrismaService): Promise<string[]> {
  const rows = await prisma.$queryRaw<Array<{ name: string }>>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'sms_messages'::regclass ORDER BY 1`;
  return rows.map((row) => row.name);
}

/**
 * The periodic jobs on the maintenance queue: two instances of the service (one Redis prefix,
 * one database) schedule them, each period runs once across both, expired sessions and old
 * message records go (a month past the retention as a whole partition, rows of the default
 * partition one by one), old lifecycle events, fraud decisions and inbound replies go, current
 * ones stay, the months ahead are created, the stats' rollup is folded. Its own database: the
 * jobs delete across the tables.
 */
describe('Periodic jobs', () => {
  let database: IsolatedDatabase;
  let first: TestApp;
  let second: TestApp;
  let seeded: Record<
    'expiredSession' | 'liveSession' | 'oldRecord' | 'oldDefaultRecord' | 'recentRecord',
    string
  >;
  let aheadRecord: string;
  let events: { old: string; recent: string };
  let decisions: { old: string; recent: string };
  let replies: { old: string; recent: string };
  // A month wholly past the 180 days (it ends before the cutoff's month begins), a month older
  // still that has no partition (its rows are in the default one), the last month created ahead.
  const cutoffMonth = monthStart(daysAgo(180));
  const oldMonth = monthStart(cutoffMonth, -1);
  const oldDefaultMonth = monthStart(cutoffMonth, -3);
  const aheadMonth = monthStart(new Date(), 3);

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    const shared = {
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
      MAINTENANCE_INTERVAL_SECONDS: String(PERIOD_MS / 1000),
      SMS_RECORD_RETENTION_DAYS: '180',
      SMS_STATS_FOLD_INTERVAL_SECONDS: String(FOLD_PERIOD_MS / 1000),
      SMS_REPLY_RETENTION_DAYS: '90',
    };
    // The rows exist before any worker runs: the first run takes place at start-up.
    const seeding = await startTestApp({ ...shared, WORKER_EMBEDDED: 'false' });
    const prisma = seeding.app.get(PrismaService);
    await prisma.$queryRaw`SELECT sms_messages_add_month(${oldMonth}::timestamptz)`;
    // As if the migration ran three months ago: the last month ahead is not there yet, and a
    // row written for it (a clock ahead) waits in the default partition.
    await prisma.$executeRawUnsafe(`DROP TABLE "${partitionName(aheadMonth)}"`);
    aheadRecord = await insertRecord(prisma, new Date(aheadMonth.getTime() + DAY_MS));
    expect(await partitionOf(prisma, aheadRecord)).toBe('sms_messages_default');
    const user = await prisma.user.create({ data: { phone: uniqueCnPhone() } });
    seeded = {
      expiredSession: await insertSession(prisma, user.id, daysAgo(1)),
      liveSession: await insertSession(prisma, user.id, new Date(Date.now() + DAY_MS)),
      oldRecord: await insertRecord(prisma, new Date(oldMonth.getTime() + DAY_MS)),
      oldDefaultRecord: await insertRecord(prisma, new Date(oldDefaultMonth.getTime() + DAY_MS)),
      recentRecord: await insertRecord(prisma, daysAgo(179)),
    };
    // Lifecycle events already relayed: one past EVENTS_RETENTION_DAYS (30 by default), one not.
    const relayedEvent = async (createdAt: Date): Promise<string> => {
      const [row] = await prisma.$queryRaw<Array<{ id: string }>>`
        INSERT INTO "lifecycle_events" ("type", "payload", "created_at", "relayed_at")
        VALUES ('webhook.test', '{}'::jsonb, ${createdAt}, ${createdAt}) RETURNING "id"`;
      return row.id;
    };
    events = { old: await relayedEvent(daysAgo(31)), recent: await relayedEvent(daysAgo(29)) };
    // Fraud decisions: one past SMS_FRAUD_DECISION_RETENTION_DAYS (90 by default), one not.
    const decision = async (createdAt: Date): Promise<string> => {
      const row = await prisma.fraudDecision.create({
        data: {
          createdAt,
          phone: '+447418000001',
          country: 'GB',
          prefix: '+4474180',
          clientIp: '192.0.2.1',
          keyKind: 'range',
          keyValue: '+447418',
          unverified: 10,
          budget: 10,
          action: 'challenge',
          outcome: 'refused',
        },
      });
      return String(row.id);
    };
    decisions = { old: await decision(daysAgo(91)), recent: await decision(daysAgo(89)) };
    // Inbound replies: one received past SMS_REPLY_RETENTION_DAYS (90 here), one not.
    replies = {
      old: await insertReply(prisma, daysAgo(91)),
      recent: await insertReply(prisma, daysAgo(89)),
    };
    expect(await partitionOf(prisma, seeded.oldRecord)).toBe(partitionName(oldMonth));
    expect(await partitionOf(prisma, seeded.oldDefaultRecord)).toBe('sms_messages_default');
    await seeding.close();
    [first, second] = await Promise.all([startTestApp(shared), startTestApp(shared)]);
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('runs each job once per period across both instances, deleting only what is past its time', async () => {
    const queue = first.app.get<Queue>(getQueueToken(QUEUES.maintenance), { strict: false });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => [scheduler.key, scheduler.every]).sort()).toEqual(
      JOBS.map((name) => [name, name === 'fold-sms-stats' ? FOLD_PERIOD_MS : PERIOD_MS]).sort(),
    );

    await waitForRuns(queue, 3);
    for (const name of JOBS) {
      const runs = await completedRuns(queue, name);
      // Each run is one period's job (its id carries the period's time): no period ran twice.
      const periods = runs.map((job) => Number(job.id?.split(':').pop())).sort((a, b) => a - b);
      expect(new Set(periods).size).toBe(periods.length);
      for (let i = 1; i < periods.length; i++) {
        expect(periods[i] - periods[i - 1]).toBeGreaterThanOrEqual(PERIOD_MS);
      }
    }
    // The first run of each did what there was to do; later runs found nothing.
    const summaries = async (name: string, field: string): Promise<number[]> =>
      (await completedRuns(queue, name))
        .map((job) => (job.returnvalue as Record<string, number>)[field])
        .sort();
    const once = async (name: string, field: string): Promise<void> => {
      const values = await summaries(name, field);
      expect(values).toEqual([1, ...Array<number>(values.length - 1).fill(0)].sort());
    };
    await once('purge-expired-sessions', 'deleted');
    await once('delete-old-sms-records', 'droppedMonths');
    await once('delete-old-sms-records', 'deleted');
    await once('create-sms-record-months', 'created');
    await once('delete-old-lifecycle-events', 'deleted');
    await once('delete-old-fraud-decisions', 'deleted');
    await once('delete-old-sms-replies', 'deleted');

    const prisma = first.app.get(PrismaService);
    const sessions = await prisma.session.findMany({ select: { id: true } });
    expect(sessions.map((session) => session.id)).toEqual([seeded.liveSession]);
    const records = await prisma.smsMessage.findMany({ select: { id: true } });
    expect(records.map((record) => record.id).sort()).toEqual(
      [seeded.recentRecord, aheadRecord].sort(),
    );
    const kept = await prisma.$queryRaw<Array<{ id: string }>>`
      SELECT "id"::text FROM "lifecycle_events" WHERE "id" IN (${events.old}::uuid, ${events.recent}::uuid)`;
    expect(kept.map((row) => row.id)).toEqual([events.recent]);
    const keptDecisions = await prisma.fraudDecision.findMany({ select: { id: true } });
    expect(keptDecisions.map((row) => String(row.id))).toEqual([decisions.recent]);
    const keptReplies = await prisma.smsReply.findMany({
      where: { id: { in: [replies.old, replies.recent] } },
      select: { id: true },
    });
    expect(keptReplies.map((reply) => reply.id)).toEqual([replies.recent]);
    const tables = await partitions(prisma);
    expect(tables).not.toContain(partitionName(oldMonth));
    expect(tables).toContain(partitionName(aheadMonth));
    // Creating the month moved its row out of the default partition.
    expect(await partitionOf(prisma, aheadRecord)).toBe(partitionName(aheadMonth));
    for (let months = 0; months <= 3; months++) {
      expect(tables).toContain(partitionName(monthStart(new Date(), months)));
    }
    // The stats' hourly, daily and monthly rollups and day totals forgot the dropped month and
    // the deleted row with them, and a fold moved the pending changes into all four.
    const { raw, hourlyRaw, dayTotalsRaw } = await expectRollupsEqualRaw(prisma);
    expect(Object.keys(raw)).toHaveLength(2);
    expect(Object.keys(hourlyRaw)).toHaveLength(2);
    expect(Object.keys(dayTotalsRaw)).toHaveLength(2);
    expect((await summaries('fold-sms-stats', 'folded')).some((folded) => folded > 0)).toBe(true);
  });
});
