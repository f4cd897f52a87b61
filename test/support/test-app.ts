import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';
import { validateServiceEnvironment } from '../../apps/api/src/service-environment';
import { createApp, CreateAppOptions } from '../../apps/api/src/create-app';
import { recordDocument, recordResponses, RESPONSE_RECORD_ENV } from './response-recorder';

export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface TestApp {
  app: NestFastifyApplication;
  /** supertest bound to this instance. */
  http: () => ReturnType<typeof request>;
  settings: Record<string, string>;
  /** Listens on a free loopback port, for clients that need a real URL; answers its base URL. */
  listen: () => Promise<string>;
  close: () => Promise<void>;
}

/**
 * Boots the real app (the same `createApp` as `main.ts`) against the run's
 * PostgreSQL and Redis. Each instance gets its own Redis key prefix unless the
 * test shares one on purpose (two instances acting as one service). During a run set up by
 * the global setup, every answer is recorded for the OpenAPI contract check (global-teardown).
 */
export async function startTestApp(
  overrides: Record<string, string> = {},
  options: CreateAppOptions = {},
): Promise<TestApp> {
  const settings: Record<string, string> = {
    DATABASE_URL: requireEnv('DATABASE_URL'),
    REDIS_URL: requireEnv('REDIS_URL'),
    REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    APP_NAME: 'Demo',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    THROTTLE_LIMIT: '100000',
    // No periodic jobs unless a suite asks: they purge the run's shared tables, and a suite
    // that fakes the clock would run them days ahead.
    MAINTENANCE_INTERVAL_SECONDS: '0',
    // The fraud guard budgets unverified codes per client IP, network and destination prefix:
    // every suite's client is 127.0.0.1, sending codes it mostly never verifies to consecutive
    // numbers, so the suites of other features would trip it. Its own suites (test/fraud) turn
    // it on; a suite's setting wins.
    SMS_FRAUD_GUARD: 'off',
    ...overrides,
  };
  const app = await createApp(validateServiceEnvironment(settings), options);
  const fastify = app.getHttpAdapter().getInstance();
  const recordDir = process.env[RESPONSE_RECORD_ENV];
  if (recordDir) recordResponses(fastify, recordDir);
  await app.init();
  await fastify.ready();
  if (recordDir) await recordDocument(fastify, recordDir);
  const server: Server = app.getHttpServer();
  return {
    app,
    settings,
    http: () => request(server),
    listen: async () => {
      await app.listen(0, '127.0.0.1');
      return (await app.getUrl()).replace('[::1]', '127.0.0.1');
    },
    close: () => app.close(),
  };
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e suites through Jest's global setup`);
  return value;
}
