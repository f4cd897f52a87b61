import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { ValidateBy, ValidationOptions } from 'class-validator';

/** The settings a Redis connection is made from (RedisService's, the queues'). */
export interface RedisConnectionSettings {
  REDIS_URL: string;
  REDIS_TLS_CA_FILE?: string;
  REDIS_TLS_CERT_FILE?: string;
  REDIS_TLS_KEY_FILE?: string;
  /** REDIS_URL is a node of a Redis Cluster (off when unset). */
  REDIS_CLUSTER?: boolean;
  /** More cluster nodes to start from. */
  REDIS_CLUSTER_NODES?: string[];
}

/**
 * The TLS options of a `rediss://` REDIS_URL: the CA that signed the server's certificate
 * (REDIS_TLS_CA_FILE; Node's trusted roots otherwise) and a client certificate and key for a
 * Redis that asks for one (`tls-auth-clients yes`). Undefined for `redis://`. The files are
 * read here, at each connection's creation, and were checked at start-up (IsPemFile).
 */
export function redisTlsOptions(settings: RedisConnectionSettings): ConnectionOptions | undefined {
  if (!settings.REDIS_URL.startsWith('rediss://')) return undefined;
  const read = (path: string | undefined): Buffer | undefined =>
    path === undefined ? undefined : readFileSync(path);
  return {
    ca: read(settings.REDIS_TLS_CA_FILE),
    cert: read(settings.REDIS_TLS_CERT_FILE),
    key: read(settings.REDIS_TLS_KEY_FILE),
  };
}

/** What is wrong with a PEM file setting: unreadable, or no PEM block in it. */
function pemFileProblem(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  return /-----BEGIN [A-Z ]+-----/.test(text) ? undefined : 'holds no PEM block (-----BEGIN ...)';
}

/**
 * The setting names a readable PEM file and REDIS_URL is a `rediss://` one (a file given for
 * a plaintext connection would silently do nothing).
 */
export const IsRedisTlsPemFile = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isRedisTlsPemFile',
      validator: {
        validate: (value: unknown, args) => {
          if (value === undefined) return true; // a missing one of a pair: see IsString
          const url = (args?.object as Partial<RedisConnectionSettings> | undefined)?.REDIS_URL;
          return (
            typeof value === 'string' &&
            typeof url === 'string' &&
            url.startsWith('rediss://') &&
            pemFileProblem(value) === undefined
          );
        },
        defaultMessage: (args) => {
          const url = (args?.object as Partial<RedisConnectionSettings> | undefined)?.REDIS_URL;
          if (typeof url !== 'string' || !url.startsWith('rediss://')) {
            return `${args?.property} is for TLS: REDIS_URL must then be a rediss:// URL`;
          }
          const problem =
            typeof args?.value === 'string' ? pemFileProblem(args.value) : 'is not a path';
          return `${args?.property} (${String(args?.value)}) ${problem ?? ''}`.trim();
        },
      },
    },
    options,
  );
