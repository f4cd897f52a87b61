import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { BUILT_WORKER_MAIN, ensureBuiltApp } from './built-app';
import { TEST_ADMIN_KEY } from './test-app';

const READY_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 30_000;

/** A built service running as its own node process, as the image runs it. */
export interface AppProcess {
  /** Its base URL on the loopback. */
  readonly url: string;
  readonly settings: Record<string, string>;
  readonly pid: number;
  /** What it wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** `kill -9`: no hook of the process runs; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a graceful stop); resolves with its exit code once it is gone. */
  stop(): Promise<number | null>;
}

export interface AppProcessOptions {
  /** The compiled entry point; the API's by default. */
  main?: string;
  /** Polled until it answers 200; `/health/ready` by default. */
  readyPath?: string;
  /** Ready once its output holds this line instead (a worker serves no HTTP). */
  readyLine?: string;
}

/** Options that start the worker app (apps/worker), ready once it works the queues. */
export const WORKER_APP: AppProcessOptions = {
  main: BUILT_WORKER_MAIN,
  readyLine: 'Working the queues',
};

/**
 * Spawns the built API (`ensureBuiltApp()`), or the worker with WORKER_APP, with `settings` on
 * the run's PostgreSQL and Redis unless they say otherwise, and waits until it is ready. Only PATH is inherited: the process
 * sees the settings given here and nothing of the test's environment.
 */
export async function startAppProcess(
  settings: Record<string, string>,
  options: AppProcessOptions = {},
): Promise<AppProcess> {
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: requireEnv('DATABASE_URL'),
    REDIS_URL: requireEnv('REDIS_URL'),
    ADMIN_API_KEY: TEST_ADMIN_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    // As in startTestApp: the suites' clients would trip the fraud guard (test/fraud turns it on).
    SMS_FRAUD_GUARD: 'off',
    ...settings,
    PORT: String(port),
  };
  const child = spawn(process.execPath, [options.main ?? ensureBuiltApp()], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = exited(child);
  const url = `http://127.0.0.1:${port}`;

  const handle: AppProcess = {
    url,
    settings: env,
    pid: child.pid ?? -1,
    output: () => output,
    kill: async () => {
      if (!hasExited(child)) child.kill('SIGKILL');
      await withinOrThrow(exit, EXIT_TIMEOUT_MS, `Process ${child.pid} survived SIGKILL`);
    },
    stop: async () => {
      if (!hasExited(child)) child.kill('SIGTERM');
      const code = await Promise.race([exit, sleep(EXIT_TIMEOUT_MS).then(() => 'hung' as const)]);
      if (code !== 'hung') return code;
      await handle.kill();
      throw new Error(`Process ${child.pid} did not stop on SIGTERM:\n${output}`);
    },
  };

  const { readyLine } = options;
  const isReady = async () =>
    readyLine === undefined
      ? (await statusOf(`${url}${options.readyPath ?? '/health/ready'}`)) === 200
      : output.includes(readyLine);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (hasExited(child)) throw new Error(`The process exited before it was ready:\n${output}`);
    if (await isReady()) return handle;
    if (Date.now() > deadline) {
      await handle.kill();
      throw new Error(`Not ready within ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await sleep(200);
  }
}

/**
 * Starts several processes at once. When one fails to start, those that did are stopped before
 * the failure is thrown: none is left running past its suite (Promise.all would drop them).
 */
export async function startAppProcesses(
  starts: ReadonlyArray<() => Promise<AppProcess>>,
): Promise<AppProcess[]> {
  const settled = await Promise.allSettled(starts.map((start) => start()));
  const started = settled.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((app) => app.stop()));
    throw failed.reason;
  }
  return started;
}

/** Polls `condition` every `everyMs` until it holds; throws with `describe()` after `timeoutMs`. */
export async function eventually(
  condition: () => Promise<boolean>,
  timeoutMs: number,
  describe: () => Promise<string> | string,
  everyMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`Not settled in ${timeoutMs} ms: ${await describe()}`);
    await sleep(everyMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function statusOf(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (hasExited(child)) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function withinOrThrow(work: Promise<unknown>, ms: number, message: string): Promise<void> {
  const result = await Promise.race([work.then(() => 'done'), sleep(ms).then(() => 'late')]);
  if (result === 'late') throw new Error(message);
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e suites through Jest's global setup`);
  return value;
}
