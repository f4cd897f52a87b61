import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface ChildServerOptions {
  name: string;
  /** Node arguments: flags, then the script. */
  args: string[];
  env: Record<string, string>;
  /** Where the server listens, e.g. http://127.0.0.1:40123 (empty for a process without HTTP). */
  url: string;
  /** Ready once its log holds this line, instead of answering /health (a worker serves no HTTP). */
  readyLine?: string;
  logFile: string;
  cwd: string;
  /** Opens an IPC channel to the child (see send()). */
  ipc?: boolean;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildServer {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  readonly logFile: string;
  /** Sends a signal (e.g. SIGWINCH for the CPU-profile hook). */
  signal(signal: NodeJS.Signals): void;
  /** Sends a message over the IPC channel and resolves with the child's first answer. */
  ask(message: object): Promise<unknown>;
  /** SIGTERM, then SIGKILL after 15 s; resolves with how it ended. */
  stop(): Promise<ChildExit>;
}

const READY_TIMEOUT_MS = 60_000;

/** Starts a Node server as a child process, its output to a log file, and waits for /health. */
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: options.ipc ? ['ignore', log, log, 'ipc'] : ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  try {
    await (options.readyLine
      ? waitForLine(options, child, options.readyLine)
      : waitForHealth(options, child));
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    name: options.name,
    url: options.url,
    pid: child.pid as number,
    logFile: options.logFile,
    signal: (signal) => child.kill(signal),
    ask: (message) =>
      new Promise((resolve, reject) => {
        child.once('message', resolve);
        child.send(message, (error) => error && reject(error));
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      return { code: child.exitCode, signal: child.signalCode };
    },
  };
}

async function waitForHealth(options: ChildServerOptions, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited during start-up:\n${tail(options.logFile)}`);
    }
    try {
      const response = await fetch(`${options.url}/health`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${options.name} not healthy after ${READY_TIMEOUT_MS} ms:\n${tail(options.logFile)}`,
  );
}

async function waitForLine(
  options: ChildServerOptions,
  child: ChildProcess,
  line: string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited during start-up:\n${tail(options.logFile)}`);
    }
    if (readFileSync(options.logFile, 'utf8').includes(line)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${options.name} not ready after ${READY_TIMEOUT_MS} ms:\n${tail(options.logFile)}`,
  );
}

export function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
