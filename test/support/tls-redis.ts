import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { findFreePort, LOOPBACK } from '../../scripts/local-servers';

const READY_TIMEOUT_MS = 15_000;

/** A throwaway CA and a server certificate it signed for `localhost` and 127.0.0.1. */
export interface TlsFiles {
  dir: string;
  caFile: string;
  certFile: string;
  keyFile: string;
}

export function makeTlsFiles(name: string): TlsFiles {
  const dir = mkdtempSync(join(tmpdir(), `smsauth-${name}-`));
  const at = (file: string): string => join(dir, file);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore', timeout: 30_000 });
  };
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${name} CA`,
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.pem'),
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    at('server.key'),
    '-out',
    at('server.csr'),
  );
  writeFileSync(at('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    at('server.ext'),
    '-out',
    at('server.pem'),
  );
  return { dir, caFile: at('ca.pem'), certFile: at('server.pem'), keyFile: at('server.key') };
}

export interface TlsRedis {
  /** `rediss://localhost:<port>` (no user: add one). */
  url: string;
  port: number;
  tls: TlsFiles;
  stop(): Promise<void>;
}

/**
 * A redis-server that listens on TLS only (no plaintext port), with the `default` user off and
 * the ACL `users` lines given (redis.conf syntax: `user NAME on >PASSWORD ...`). Ready once
 * `readyAs` (user, password) answers PING over TLS.
 */
export async function startTlsRedis(
  users: string[],
  readyAs: { user: string; password: string },
): Promise<TlsRedis> {
  const tls = makeTlsFiles('redis-tls');
  const port = await findFreePort();
  const config = join(tls.dir, 'redis.conf');
  writeFileSync(
    config,
    [
      'port 0',
      `tls-port ${port}`,
      `bind ${LOOPBACK}`,
      `tls-cert-file ${tls.certFile}`,
      `tls-key-file ${tls.keyFile}`,
      `tls-ca-cert-file ${tls.caFile}`,
      'tls-auth-clients no',
      'save ""',
      'appendonly no',
      `dir ${tls.dir}`,
      `logfile ${join(tls.dir, 'redis.log')}`,
      'user default off',
      ...users,
      '',
    ].join('\n'),
  );
  const child = spawn('redis-server', [config], { stdio: 'ignore' });
  child.unref();
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(tls.dir, { recursive: true, force: true });
  };
  const url = `rediss://localhost:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const client = new Redis(url, {
      username: readyAs.user,
      password: readyAs.password,
      tls: { ca: readFileSync(tls.caFile) },
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 1000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return { url, port, tls, stop };
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        let log = '';
        try {
          log = readFileSync(join(tls.dir, 'redis.log'), 'utf8').slice(-2000);
        } catch {
          // no log written
        }
        await stop();
        throw new Error(`TLS redis-server not ready: ${String(error)}\n${log}`, { cause: error });
      }
    } finally {
      client.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
