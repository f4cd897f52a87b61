import { getQueueToken } from '@nestjs/bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import { QUEUES } from '@app/queue';
import { BUILT_WORKER_MAIN, ensureBuiltApp } from './support/built-app';
import { createIsolatedDatabase, IsolatedDatabase } from './support/isolated-database';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';

const STOP_TIMEOUT_MS = 3000;

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * The worker app (`node dist/apps/worker/src/main.js`, as the image's worker service runs it)
 * beside an API that works no queue: the worker takes the jobs, and stops on SIGTERM.
 */
describe('The worker app', () => {
  let database: IsolatedDatabase;
  let api: TestApp;
  let child: ChildProcess | undefined;
  let output = '';
  const prefix = `test:${randomBytes(6).toString('hex')}:`;

  const startWorker = (env: Record<string, string | undefined>): ChildProcess => {
    output = '';
    const started = spawn(process.execPath, [BUILT_WORKER_MAIN], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return started;
  };

  beforeAll(async () => {
    ensureBuiltApp();
    database = await createIsolatedDatabase();
    api = await startTestApp({
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: prefix,
      WORKER_EMBEDDED: 'false',
    });
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
    await api?.close();
    await database?.drop();
  });

  it('works the queues the API shares with it, then stops on SIGTERM within its bound', async () => {
    child = startWorker({
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      LOG_LEVEL: 'info',
      MAINTENANCE_INTERVAL_SECONDS: '1',
      WORKER_STOP_TIMEOUT_MS: String(STOP_TIMEOUT_MS),
    });
    const exit = exited(child);
    const maintenance = api.app.get<Queue>(getQueueToken(QUEUES.maintenance), { strict: false });
    const deadline = Date.now() + 60_000;
    while ((await maintenance.getCompletedCount()) < 2) {
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`The worker ran no periodic job:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const admin = { Authorization: `Bearer ${TEST_ADMIN_KEY}` };
    const { body } = await api.http().get('/v1/admin/queues').set(admin).expect(200);
    expect(body.queues).toContainEqual(
      expect.objectContaining({ name: QUEUES.maintenance, completed: expect.any(Number) }),
    );

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    await expect(exit).resolves.toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(STOP_TIMEOUT_MS + 5000);
    expect(output).toContain('SIGTERM: the workers stop');
  }, 90_000);

  it('refuses to start on invalid settings, naming them', async () => {
    child = startWorker({
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL,
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      WORKER_STOP_TIMEOUT_MS: 'soon',
      MAINTENANCE_INTERVAL_SECONDS: '-1',
    });
    await expect(exited(child)).resolves.toBe(1);
    expect(output).toContain('WORKER_STOP_TIMEOUT_MS is invalid');
    expect(output).toContain('MAINTENANCE_INTERVAL_SECONDS is invalid');
  });
});
