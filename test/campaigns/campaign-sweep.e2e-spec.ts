import { Queue, UnrecoverableError, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { queueKeyPrefix } from '../../libs/queue/src/queue-connection';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';
import { campaignWhen, createCampaign, csvOf, upload } from './campaign-api';

const RECIPIENTS = 400;
/** Slow enough that the list is not through when the first worker has closed. */
const RATE = 20;

/**
 * A campaign whose job failed for good half-way (its attempts spent: here a worker that gives
 * it up at once) is `sending` with no job to send it: the periodic sweep gives it a new run,
 * and it ends with every recipient sent exactly once.
 */
describe('A sending campaign left without a job', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let api: TestApp;
  let admin: AdminApi;
  let redis: IORedis;
  let shared: Record<string, string>;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    api = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      WORKER_EMBEDDED: 'false',
    });
    // The workers below are the same service: its database and its queues.
    shared = {
      ...receiver.settings,
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: api.settings.REDIS_KEY_PREFIX,
    };
    admin = adminApi(api);
    redis = new IORedis(api.settings.REDIS_URL, { maxRetriesPerRequest: null });
    await approvedSignature(admin, { name: 'shop', content: '示例商城' });
    await approvedTemplate(admin, {
      name: 'greeting',
      kind: 'notification',
      content: '{{surname}}先生/女士，新春快乐',
    });
  });

  afterAll(async () => {
    await api.close();
    redis.disconnect();
    await receiver.stop();
    await database.drop();
  });

  /** Takes the next job of the campaigns queue and fails it for good, as spent attempts do. */
  const failNextJobForGood = async (): Promise<void> => {
    const prefix = queueKeyPrefix(api.settings.REDIS_KEY_PREFIX);
    let failed!: () => void;
    const done = new Promise<void>((resolve) => (failed = resolve));
    const worker = new Worker(
      'campaigns',
      () => Promise.reject(new UnrecoverableError('attempts spent')),
      { connection: redis, prefix },
    );
    worker.on('failed', () => failed());
    try {
      await done;
    } finally {
      await worker.close();
    }
    const queue = new Queue('campaigns', { connection: redis, prefix });
    try {
      expect(await queue.getJobCounts('active', 'waiting', 'delayed', 'failed')).toEqual({
        active: 0,
        waiting: 0,
        delayed: 0,
        failed: 1,
      });
    } finally {
      await queue.close();
    }
  };

  it('resumes it by itself, no recipient sent twice and none skipped', async () => {
    const phones = Array.from({ length: RECIPIENTS }, () => uniqueCnPhone());
    const campaign = await createCampaign(admin, {
      name: 'stranded',
      kind: 'notification',
      template: 'greeting',
      rate: RATE,
    });
    const list = csvOf([['phone', 'surname'], ...phones.map((phone, i) => [phone, `S${i}`])]);
    await upload(api, campaign.id, list, 'list.csv').expect(201);

    // A worker sends part of the list, then closes: its job is tried again later...
    const first = await startTestApp(shared);
    await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    await receiver.waitForCount(RATE * 2, 60_000);
    await first.close();
    // ...by a worker that gives it up for good.
    await failNextJobForGood();
    const stranded = await admin.get(`/v1/admin/campaigns/${campaign.id}`).expect(200);
    expect(stranded.body.status).toBe('sending');
    const sentBefore = receiver.received.length;
    expect(sentBefore).toBeLessThan(RECIPIENTS);

    // A worker running the periodic jobs (each second here) finds it and resumes it.
    const second = await startTestApp({ ...shared, MAINTENANCE_INTERVAL_SECONDS: '1' });
    try {
      const done = await campaignWhen(admin, campaign.id, (c) => c.status === 'completed', 90_000);
      expect(done.progress).toMatchObject({ sent: RECIPIENTS, unknown: 0, queued: 0 });
    } finally {
      await second.close();
    }
    const timesSent = new Map<string, number>();
    for (const sms of receiver.received) {
      timesSent.set(sms.phone, (timesSent.get(sms.phone) ?? 0) + 1);
    }
    expect([...timesSent].filter(([, times]) => times > 1)).toEqual([]);
    expect(phones.filter((phone) => !timesSent.has(phone))).toEqual([]);
    expect(receiver.received.length).toBe(RECIPIENTS);
  }, 240_000);
});
