import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { applyMigrations } from '../../libs/prisma/src/migrator';
import { startPostgres, startRedis } from '../../test/support/throwaway-services';
import { startChildServer } from '../support/child-server';
import { findFreePort } from '../support/free-port';
import { ensurePostgresOnPath } from '../support/postgres-path';
import { BenchSmsReceiver } from '../support/sms-receiver';
import {
  type Mode,
  MODES,
  type RecordedDecision,
  type ModeResult,
  summarize,
  formatTable,
} from './fraud-report';
import {
  ALLOWED_REGIONS,
  type CodeRequest,
  DAY_MS,
  type HistoryRecord,
  MINUTE_MS,
  TrafficGenerator,
} from './traffic';
import { driveDay } from './drive-day';

/**
 * `npm run bench:fraud`: the fraud guard's simulation (issue 15). The built API runs against
 * throwaway PostgreSQL and Redis with its SMS going to a local webhook receiver, on a simulated
 * clock (bench/fraud/sim-clock.js). 14 days of legitimate history are written as message
 * records, which the guard's seeder rebuilds its budgets from at start; then the attack day is
 * sent over HTTP, a simulated minute at a time, once per mode (off, static limits alone, record,
 * enforce), each on a fresh Redis and the same history. Prints a table and writes
 * bench/results/fraud-<date>.json.
 */

const ROOT = join(__dirname, '..', '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
/** The attack day's midnight: any whole UTC day works; this one is the real day's. */
const ATTACK_DAY = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const KEY_PREFIX = 'bench:fraud:';

/** Each mode's settings over the common ones. */
function modeSettings(mode: Mode): Record<string, string> {
  const noStaticLimits = {
    SMS_PHONE_DAILY_LIMIT: '1000000',
    SMS_IP_DAILY_LIMIT: '1000000',
    SMS_DAILY_LIMIT: '1000000000',
  };
  switch (mode) {
    case 'off':
      return { SMS_FRAUD_GUARD: 'off', ...noStaticLimits };
    case 'static':
      return { SMS_FRAUD_GUARD: 'off' };
    case 'record':
    case 'enforce':
      return { SMS_FRAUD_GUARD: mode };
  }
}

async function main(): Promise<void> {
  ensurePostgresOnPath();
  const runDir = mkdtempSync(join(tmpdir(), 'smsauth-fraud-bench-'));
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    log('starting PostgreSQL and Redis');
    const [postgres, redisServer] = await Promise.all([startPostgres(), startRedis()]);
    cleanups.push(
      () => postgres.stop(),
      () => redisServer.stop(),
    );
    await applyMigrations({
      databaseUrl: postgres.url,
      migrationsDir: join(ROOT, 'prisma', 'migrations'),
    });
    const receiver = await new BenchSmsReceiver().start();
    cleanups.push(() => receiver.stop());

    const traffic = new TrafficGenerator();
    const history = traffic.history(ATTACK_DAY);
    const day = traffic.attackDay();
    const db = new Client({ connectionString: postgres.url });
    await db.connect();
    cleanups.push(() => db.end());
    await writeHistory(db, history);
    log(
      `history: ${history.length} records over 14 days, ${history.filter((r) => r.verifiedAt).length} verified`,
    );

    const redis = new Redis(redisServer.url);
    cleanups.push(() => Promise.resolve(redis.disconnect()));
    const results: ModeResult[] = [];
    const only = process.argv
      .find((arg) => arg.startsWith('--only='))
      ?.slice(7)
      .split(',');
    for (const mode of MODES.filter((m) => !only || only.includes(m))) {
      await redis.flushall();
      await db.query('DELETE FROM sms_messages WHERE created_at >= $1', [new Date(ATTACK_DAY)]);
      await db.query('DELETE FROM fraud_decisions');
      results.push(
        await runMode(mode, {
          postgresUrl: postgres.url,
          redisUrl: redisServer.url,
          receiver,
          db,
          redis,
          day,
          runDir,
        }),
      );
      log(`${mode}: done`);
    }

    const report = {
      benchmark: 'fraud',
      commit: gitCommit(),
      startedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, loadAvg: loadavg().map((v) => Math.round(v * 100) / 100) },
      traffic: {
        historyRecords: history.length,
        historyVerified: history.filter((r) => r.verifiedAt).length,
        attackDay: countByGroup(day),
      },
      results,
    };
    process.stdout.write(`${formatTable(results)}\n`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(
      RESULTS_DIR,
      `fraud-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}Z.json`,
    );
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${file}`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

interface RunContext {
  postgresUrl: string;
  redisUrl: string;
  receiver: BenchSmsReceiver;
  db: Client;
  redis: Redis;
  day: CodeRequest[];
  runDir: string;
}

async function runMode(mode: Mode, context: RunContext): Promise<ModeResult> {
  const port = await findFreePort();
  const sender = `fraud-${mode}`;
  log(`${mode}: starting the API on the simulated clock`);
  const api = await startChildServer({
    name: `api-${mode}`,
    args: [
      '--require',
      join(__dirname, 'sim-clock.js'),
      join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js'),
    ],
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      BENCH_SIM_START: String(ATTACK_DAY + 1000),
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: context.postgresUrl,
      REDIS_URL: context.redisUrl,
      REDIS_KEY_PREFIX: KEY_PREFIX,
      ADMIN_API_KEY: randomBytes(24).toString('hex'),
      APP_NAME: 'Bench',
      LOG_LEVEL: 'warn',
      SMS_PROVIDER: 'webhook',
      SMS_WEBHOOK_URL: context.receiver.urlFor(sender),
      SMS_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`,
      TRUST_PROXY: 'true',
      SMS_ALLOWED_REGIONS: ALLOWED_REGIONS.join(','),
      // The resend interval is a Redis TTL, which runs on real time: a day squeezed into minutes
      // would refuse every resend. 0, in every mode; the bench's traffic never resends within 60 s.
      SMS_RESEND_INTERVAL_SECONDS: '0',
      ...modeSettings(mode),
    },
    url: `http://127.0.0.1:${port}`,
    logFile: join(context.runDir, `api-${mode}.log`),
    cwd: ROOT,
    ipc: true,
  });
  try {
    await waitForSeed(context.redis, mode);
    const startedAt = Date.now();
    const outcomes = await driveDay({
      url: api.url,
      day: context.day,
      setClock: (minute) => api.ask({ simNow: ATTACK_DAY + minute * MINUTE_MS }),
      codes: context.receiver.codesFrom(sender),
    });
    const decisions = await context.db.query<RecordedDecision>(
      'SELECT phone, action, outcome, key_kind, key_value, unverified, budget, created_at FROM fraud_decisions ORDER BY created_at',
    );
    return summarize(mode, context.day, outcomes, decisions.rows, {
      attackDay: ATTACK_DAY,
      messagesReceived: context.receiver.count(sender),
      wallClockS: Math.round((Date.now() - startedAt) / 100) / 10,
    });
  } finally {
    await api.stop();
  }
}

/** The seeder runs at start, after /health answers; the bench waits for its mark. */
async function waitForSeed(redis: Redis, mode: Mode): Promise<void> {
  if (mode === 'off' || mode === 'static') return;
  const deadline = Date.now() + 60_000;
  while (!(await redis.exists(`${KEY_PREFIX}fraud:seeded`))) {
    if (Date.now() > deadline) throw new Error('the fraud budgets were not seeded within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function writeHistory(db: Client, records: HistoryRecord[]): Promise<void> {
  for (let start = 0; start < records.length; start += 1000) {
    const chunk = records.slice(start, start + 1000);
    const values: unknown[] = [];
    const rows = chunk.map((record, n) => {
      values.push(record.phone, record.region, record.ip, record.createdAt, record.verifiedAt);
      const p = n * 5;
      return `(gen_random_uuid(), $${p + 1}, 'login', 'webhook', 'delivered', 'code', 1, $${p + 3}, $${p + 4}, $${p + 2}, $${p + 5})`;
    });
    await db.query(
      `INSERT INTO sms_messages (id, phone, purpose, provider, status, content, segments, client_ip, created_at, region, verified_at) VALUES ${rows.join(',')}`,
      values,
    );
  }
}

function countByGroup(day: CodeRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of day) counts[request.group] = (counts[request.group] ?? 0) + 1;
  return counts;
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
  } catch {
    return 'unknown';
  }
}

function log(message: string): void {
  process.stderr.write(`[bench:fraud ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
