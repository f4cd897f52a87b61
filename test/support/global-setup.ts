import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../../libs/prisma/src/migrator';
import { newPhoneRun, PHONE_RUN_ENV } from './phone-run';
import { RESPONSE_RECORD_ENV } from './response-recorder';
import { startPostgres, startRedis, type ThrowawayService } from './throwaway-services';

/**
 * Jest globalSetup: uses DATABASE_URL / REDIS_URL when given, otherwise starts throwaway servers
 * and exports their URLs (workers inherit process.env), then migrates the database. It also
 * makes the folder where the workers record every answer for the teardown's contract check.
 */

declare global {
  // Shared with globalTeardown, which runs in this process but may not share its module cache.
  var __smsauthThrowawayServices: ThrowawayService[] | undefined;
}

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'prisma', 'migrations');

export default async function globalSetup(): Promise<void> {
  globalThis.__smsauthThrowawayServices = [];
  process.env[PHONE_RUN_ENV] = newPhoneRun();
  // Where the workers record the app's answers, for the OpenAPI contract check at the end.
  process.env[RESPONSE_RECORD_ENV] = mkdtempSync(join(tmpdir(), 'smsauth-test-responses-'));
  try {
    await startMissingServices();
    await applyMigrations({
      databaseUrl: requireEnv('DATABASE_URL'),
      migrationsDir: MIGRATIONS_DIR,
    });
  } catch (error) {
    await stopThrowawayServices();
    throw error;
  }
}

export async function stopThrowawayServices(): Promise<void> {
  const services = globalThis.__smsauthThrowawayServices ?? [];
  globalThis.__smsauthThrowawayServices = [];
  await Promise.all(services.map((service) => service.stop()));
}

async function startMissingServices(): Promise<void> {
  const starts: Array<Promise<void>> = [];
  if (!process.env.DATABASE_URL) starts.push(startInto('DATABASE_URL', startPostgres));
  if (!process.env.REDIS_URL) starts.push(startInto('REDIS_URL', startRedis));
  // Wait for both even if one fails, so the other is registered and gets stopped too.
  const failure = (await Promise.allSettled(starts)).find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}

async function startInto(
  envName: 'DATABASE_URL' | 'REDIS_URL',
  start: () => Promise<ThrowawayService>,
): Promise<void> {
  const service = await start();
  globalThis.__smsauthThrowawayServices?.push(service);
  process.env[envName] = service.url;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
