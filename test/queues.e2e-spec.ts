import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '@app/queue';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';
import { startRedis, ThrowawayService } from './support/throwaway-services';

const admin = { Authorization: `Bearer ${TEST_ADMIN_KEY}` };

interface QueueCounts {
  name: string;
  waiting: number;
  prioritized: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  paused: boolean;
}

function queueOf(service: TestApp, name: string): Queue {
  return service.app.get<Queue>(getQueueToken(name), { strict: false });
}

function countsOf(body: { queues: QueueCounts[] }, name: string): QueueCounts | undefined {
  return body.queues.find((queue) => queue.name === name);
}

describe('GET /v1/admin/queues', () => {
  let service: TestApp;

  // No worker here: jobs added stay where they are, so the counts are exact.
  beforeAll(async () => {
    service = await startTestApp({ WORKER_EMBEDDED: 'false' });
  });

  afterAll(() => service.close());

  it('answers every queue, with nothing in it at first', async () => {
    const { body } = await service.http().get('/v1/admin/queues').set(admin).expect(200);
    expect(body).toEqual({
      queues: [QUEUES.messages, QUEUES.maintenance, QUEUES.webhooks, QUEUES.campaigns].map(
        (name) => ({
          name,
          waiting: 0,
          prioritized: 0,
          active: 0,
          delayed: 0,
          failed: 0,
          completed: 0,
          paused: false,
        }),
      ),
    });
  });

  it('counts the jobs of each queue by state', async () => {
    const messages = queueOf(service, QUEUES.messages);
    await messages.add('counted', {});
    await messages.add('counted', {});
    await messages.add('counted-later', {}, { delay: 60_000 });
    await messages.add('counted-first', {}, { priority: 1 });
    await queueOf(service, QUEUES.maintenance).pause();

    const { body } = await service.http().get('/v1/admin/queues').set(admin).expect(200);
    expect(countsOf(body, QUEUES.messages)).toEqual({
      name: QUEUES.messages,
      waiting: 2,
      prioritized: 1,
      active: 0,
      delayed: 1,
      failed: 0,
      completed: 0,
      paused: false,
    });
    expect(countsOf(body, QUEUES.maintenance)).toMatchObject({ waiting: 0, paused: true });
  });

  it('needs the admin key', async () => {
    const { body } = await service.http().get('/v1/admin/queues').expect(401);
    expect(body).toMatchObject({ code: 'Unauthorized' });
    await service
      .http()
      .get('/v1/admin/queues')
      .set({ Authorization: 'Bearer not-the-admin-key' })
      .expect(401);
  });
});

describe('GET /v1/admin/queues with Redis down', () => {
  let redis: ThrowawayService;
  let service: TestApp;

  beforeAll(async () => {
    redis = await startRedis();
    service = await startTestApp({ REDIS_URL: redis.url, WORKER_EMBEDDED: 'false' });
  });

  afterAll(async () => {
    await service?.close();
    await redis?.stop();
  });

  it('answers 503 ServiceUnavailable within the command timeout', async () => {
    await service.http().get('/v1/admin/queues').set(admin).expect(200);
    await redis.stop();
    const startedAt = Date.now();
    const { body } = await service.http().get('/v1/admin/queues').set(admin).expect(503);
    expect(body).toMatchObject({ code: 'ServiceUnavailable' });
    expect(Date.now() - startedAt).toBeLessThan(3000);
  });
});
