import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { ConnectionOptions, RedisOptions } from 'bullmq';
import { type RedisConnectionSettings, redisTlsOptions } from '@app/config';
import { createRedisClient, isCluster, type RedisClient } from '@app/redis';

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
export function producerConnection(settings: QueueConnectionSettings): ConnectionOptions {
  // On a Redis Cluster BullMQ takes a cluster client (it makes none from options); the queues
  // share it, and their shutdown disconnects it (forceDisconnectOnShutdown).
  if (settings.REDIS_CLUSTER === true)
    return createRedisClient(settings, producerOptions(settings));
  return { url: settings.REDIS_URL, ...producerOptions(settings) };
}

function producerOptions(settings: QueueConnectionSettings): RedisOptions {
  return {
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
export function workerConnection(producer: ConnectionOptions): RedisOptions | RedisClient {
  if (isCluster(producer as RedisClient)) return workerCluster(producer as RedisClient);
  const { url, retryStrategy } = producer as RedisOptions;
  return {
    url,
    tls: (producer as RedisOptions).tls as TlsOptions | undefined,
    connectTimeout: (producer as RedisOptions).connectTimeout as number | undefined,
    retryStrategy,
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
  };
}

/** On a Redis Cluster: a cluster client of its own for the worker, with the same changes. */
function workerCluster(producer: RedisClient): RedisClient {
  if (!isCluster(producer)) return producer;
  const { commandTimeout: _cut, ...nodeOptions } = producer.options.redisOptions ?? {};
  return producer.duplicate(undefined, {
    redisOptions: { ...nodeOptions, enableOfflineQueue: true, maxRetriesPerRequest: null },
    enableOfflineQueue: true,
  });
}

/**
 * The prefix of the queues' keys: REDIS_KEY_PREFIX (`smsauth:` by default) plus `queue`, so
 * `smsauth:queue:messages:wait`; deployments and test runs sharing a Redis stay apart. On a
 * Redis Cluster the prefix is a hash tag, `{smsauth:queue}`, as BullMQ requires: its scripts
 * use several keys of a queue at once, which must then share a slot.
 */
export function queueKeyPrefix(redisKeyPrefix: string, cluster = false): string {
  return cluster ? `{${redisKeyPrefix}queue}` : `${redisKeyPrefix}queue`;
}
