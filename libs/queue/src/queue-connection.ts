import type { ConnectionOptions } from 'node:tls';
import type { RedisOptions } from 'bullmq';
import { type RedisConnectionSettings, redisTlsOptions } from '@app/config';

export interface QueueConnectionSettings extends RedisConnectionSettings {
  REDIS_COMMAND_TIMEOUT_MS: number;
}

// Reconnect as ioredis does by default (RedisService too): back within 2 s of Redis' return,
// where BullMQ's own default waits up to 20 s.
const reconnectSoon = (attempt: number): number => Math.min(attempt * 50, 2000);

/**
 * The connection of the producers (the `Queue`s an HTTP request adds jobs to). Like
 * RedisService: no offline queue and a bound per command, so that with Redis down or hung an
 * `add` fails within REDIS_COMMAND_TIMEOUT_MS and the request answers 503 (BullMQ's "going to
 * production" advice for producers: fail fast rather than wait for a reconnection).
 */
export function producerConnection(settings: QueueConnectionSettings): RedisOptions {
  return {
    url: settings.REDIS_URL,
    // As RedisService: rediss:// with its CA and client certificate, the URL's ACL user.
    tls: redisTlsOptions(settings),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: settings.REDIS_COMMAND_TIMEOUT_MS,
    retryStrategy: reconnectSoon,
    // BullMQ's start-up INFO (the server's version) would fall under the command timeout and,
    // timed out once on a loaded machine, leave the queue unusable for good. Producers need
    // no version: it only picks faster scripts for the workers' blocking waits.
    skipVersionCheck: true,
    // Jobs added in one turn of the event loop share a socket write (see RedisService).
    enableAutoPipelining: true,
  };
}

/**
 * The connection of the workers, derived from the producers': BullMQ requires
 * `maxRetriesPerRequest: null` for their blocking connection, and a worker should wait for
 * Redis to come back (offline queue on) rather than fail its loop. No command timeout: it
 * would cut the blocking BZPOPMIN that waits for jobs.
 */
export function workerConnection(producer: RedisOptions): RedisOptions {
  const { url, retryStrategy } = producer;
  return {
    url,
    tls: producer.tls as ConnectionOptions | undefined,
    connectTimeout: producer.connectTimeout as number | undefined,
    retryStrategy,
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
  };
}

/**
 * The prefix of the queues' keys: REDIS_KEY_PREFIX (`smsauth:` by default) plus `queue`, so
 * `smsauth:queue:messages:wait`; deployments and test runs sharing a Redis stay apart.
 */
export function queueKeyPrefix(redisKeyPrefix: string): string {
  return `${redisKeyPrefix}queue`;
}
