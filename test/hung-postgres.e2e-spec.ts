import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { applyMigrations } from '../libs/prisma/src/migrator';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';
import { startPostgres, ThrowawayService } from './support/throwaway-services';

const QUERY_TIMEOUT_MS = 1000;
// The client gives up 500 ms after the server would have (see PrismaService), and a loaded
// 2-core machine adds its own delay.
const SLACK_MS = 2000;
const HEALTH_BOUND_MS = 2000;
const GIVE_UP_MS = 15_000;

async function timed(
  pending: request.Test,
): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const startedAt = Date.now();
  const response = await pending.timeout(GIVE_UP_MS);
  return { status: response.status, body: response.body, ms: Date.now() - startedAt };
}

/**
 * PostgreSQL that stops answering (SIGSTOP of the postmaster and every backend): connections stay
 * open, so only a bound on each query ends the wait. And one that is slow (a statement waiting
 * on a lock): the server cancels it after DATABASE_QUERY_TIMEOUT_MS.
 */
describe('A hung PostgreSQL', () => {
  let postgres: ThrowawayService;
  let service: TestApp;

  const listUsers = () =>
    service.http().get('/v1/admin/users').set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);

  beforeAll(async () => {
    postgres = await startPostgres();
    await applyMigrations({
      databaseUrl: postgres.url,
      migrationsDir: join(__dirname, '..', 'prisma', 'migrations'),
    });
    service = await startTestApp({
      DATABASE_URL: postgres.url,
      DATABASE_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
    });
  }, 120_000);

  afterAll(async () => {
    postgres?.thaw();
    await service?.close();
    await postgres?.stop();
  });

  afterEach(() => postgres.thaw());

  it('answers 503 when a statement runs past the timeout (cancelled by the server)', async () => {
    const locker = new Client({ connectionString: postgres.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const answer = await timed(listUsers());
      expect(answer).toMatchObject({
        status: 503,
        body: { statusCode: 503, code: 'ServiceUnavailable' },
      });
      expect(answer.ms).toBeGreaterThanOrEqual(QUERY_TIMEOUT_MS - 50);
      expect(answer.ms).toBeLessThan(QUERY_TIMEOUT_MS + SLACK_MS);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    await listUsers().expect(200);
  });

  it('answers 503 within the timeout while frozen, /health within 2 s, and recovers after SIGCONT', async () => {
    await listUsers().expect(200);
    await service.http().get('/health/ready').expect(200);

    postgres.freeze();
    const [users, health, live] = await Promise.all([
      timed(listUsers()),
      timed(service.http().get('/health/ready')),
      timed(service.http().get('/health/live')),
    ]);
    expect(users).toMatchObject({
      status: 503,
      body: { statusCode: 503, code: 'ServiceUnavailable' },
    });
    expect(users.ms).toBeLessThan(QUERY_TIMEOUT_MS + SLACK_MS);
    expect(health.status).toBe(503);
    expect(health.body).toEqual({
      statusCode: 503,
      code: 'ServiceUnavailable',
      message: expect.stringContaining('PostgreSQL'),
      status: 'unavailable',
      database: 'down',
      redis: 'up',
    });
    expect(health.ms).toBeLessThan(HEALTH_BOUND_MS);
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });

    postgres.thaw();
    const deadline = Date.now() + 15_000;
    let recovered = await listUsers();
    while (recovered.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      recovered = await listUsers();
    }
    expect(recovered.status).toBe(200);
    await service.http().get('/health/ready').expect(200);
  });
});
