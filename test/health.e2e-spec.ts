import { uniqueCnPhone } from './support/phones';
import { startTestApp } from './support/test-app';
import { startRedis } from './support/throwaway-services';

describe('GET /health', () => {
  it('reports PostgreSQL and Redis up', async () => {
    const service = await startTestApp();
    try {
      for (const path of ['/health', '/health/ready']) {
        const response = await service.http().get(path).expect(200);
        expect(response.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
      }
      await service.http().get('/health/live').expect(200, { status: 'ok' });
    } finally {
      await service.close();
    }
  });

  it('answers 503 when PostgreSQL is unreachable', async () => {
    const service = await startTestApp({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none' });
    try {
      const response = await service.http().get('/health').expect(503);
      expect(response.body).toEqual({
        statusCode: 503,
        code: 'ServiceUnavailable',
        message: expect.stringContaining('PostgreSQL'),
        status: 'unavailable',
        database: 'down',
        redis: 'up',
      });
    } finally {
      await service.close();
    }
  });

  it('answers 503 when Redis goes away, and sending fails closed', async () => {
    const redis = await startRedis();
    const service = await startTestApp({ REDIS_URL: redis.url });
    try {
      await service.http().get('/health').expect(200);
      await redis.stop();

      const health = await service.http().get('/health').expect(503);
      expect(health.body).toEqual({
        statusCode: 503,
        code: 'ServiceUnavailable',
        message: expect.stringContaining('Redis'),
        status: 'unavailable',
        database: 'up',
        redis: 'down',
      });
      // Liveness checks no dependency: the process answers, so it is not restarted.
      await service.http().get('/health/live').expect(200, { status: 'ok' });

      const send = await service.http().post('/v1/sms/codes').send({ phone: uniqueCnPhone() });
      expect(send.status).toBe(503);
      expect(send.body.code).toBe('ServiceUnavailable');
    } finally {
      await service.close();
      await redis.stop();
    }
  });
});
