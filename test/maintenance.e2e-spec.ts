import { getQueueToken } from '@nestjs/bullmq';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Job, Queue } from 'bullmq';
import { PrismaService } from '@app/prisma';
import { QUEUES } from '@app/queue';
import { createIsolatedDatabase, IsolatedDatabase } from './support/isolated-database';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';

const PERIOD_MS = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const JOBS = ['purge-expired-sessions', 'delete-old-sms-records'];

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

/**
 * The periodic jobs on the maintenance queue: two instances of the service (one Redis prefix,
 * one database) schedule them, each period runs once across both, expired sessions and old
 * message records go, current ones stay. Its own database: the jobs delete across the tables.
 */
describe('Periodic jobs', () => {
  let database: IsolatedDatabase;
  let first: TestApp;
  let second: TestApp;
  let seeded: Record<'expiredSession' | 'liveSession' | 'oldRecord' | 'recentRecord', string>;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    const shared = {
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
      MAINTENANCE_INTERVAL_SECONDS: String(PERIOD_MS / 1000),
      SMS_RECORD_RETENTION_DAYS: '180',
    };
    // The rows exist before any worker runs: the first run takes place at start-up.
    const seeding = await startTestApp({ ...shared, WORKER_EMBEDDED: 'false' });
    const prisma = seeding.app.get(PrismaService);
    const user = await prisma.user.create({ data: { phone: uniqueCnPhone() } });
    seeded = {
      expiredSession: await insertSession(prisma, user.id, daysAgo(1)),
      liveSession: await insertSession(prisma, user.id, new Date(Date.now() + DAY_MS)),
      oldRecord: await insertRecord(prisma, daysAgo(181)),
      recentRecord: await insertRecord(prisma, daysAgo(179)),
    };
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
      JOBS.map((name) => [name, PERIOD_MS]).sort(),
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
      const deleted = runs.map((job) => (job.returnvalue as { deleted: number }).deleted);
      // The first run deleted the one row past its time; later runs found nothing.
      expect(deleted.sort()).toEqual([1, ...Array<number>(runs.length - 1).fill(0)].sort());
    }

    const prisma = first.app.get(PrismaService);
    const sessions = await prisma.session.findMany({ select: { id: true } });
    expect(sessions.map((session) => session.id)).toEqual([seeded.liveSession]);
    const records = await prisma.smsMessage.findMany({ select: { id: true } });
    expect(records.map((record) => record.id)).toEqual([seeded.recentRecord]);
  });
});
