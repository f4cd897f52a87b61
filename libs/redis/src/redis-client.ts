import { AppConfigService, type RedisConnectionSettings, redisTlsOptions } from '@app/config';
import Redis, { Cluster, type ClusterNode, type RedisOptions } from 'ioredis';

/** The service's connection: one Redis, or a Redis Cluster (REDIS_CLUSTER). */
export type RedisClient = Redis | Cluster;

/**
 * A connection to REDIS_URL's Redis, or with REDIS_CLUSTER on to the cluster REDIS_URL (and
 * REDIS_CLUSTER_NODES) are nodes of. `options` are each node connection's; the cluster client
 * gets the same offline-queue and pipelining choices. TLS and the ACL user come from REDIS_URL
 * for every node.
 */
export function createRedisClient(
  settings: RedisConnectionSettings,
  options: RedisOptions,
): RedisClient {
  const tls = redisTlsOptions(settings);
  if (settings.REDIS_CLUSTER !== true) return new Redis(settings.REDIS_URL, { ...options, tls });
  const { username, password } = new URL(settings.REDIS_URL);
  return new Cluster(clusterStartNodes(settings), {
    redisOptions: {
      ...options,
      tls,
      username: username === '' ? undefined : decodeURIComponent(username),
      password: password === '' ? undefined : decodeURIComponent(password),
    },
    enableOfflineQueue: options.enableOfflineQueue ?? true,
    enableAutoPipelining: options.enableAutoPipelining ?? false,
    // As a single Redis' reconnection (RedisService, the queues): back within 2 s.
    clusterRetryStrategy: (attempt: number) => Math.min(attempt * 50, 2000),
    // A slot whose master died answers CLUSTERDOWN or a refused connection until its replica
    // is promoted: retry the slot map soon, so that requests succeed again right after.
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    slotsRefreshTimeout: options.connectTimeout ?? 2000,
  });
}

/** REDIS_URL's node, then REDIS_CLUSTER_NODES', as host and port. */
export function clusterStartNodes(settings: RedisConnectionSettings): ClusterNode[] {
  return [settings.REDIS_URL, ...(settings.REDIS_CLUSTER_NODES ?? [])].map((url) => {
    const parsed = new URL(url);
    return { host: parsed.hostname, port: parsed.port === '' ? 6379 : Number(parsed.port) };
  });
}

/** True for a cluster client. */
export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/** The connection settings of REDIS_URL (and the cluster's) as validated at start-up. */
export function redisConnectionSettings(config: AppConfigService): RedisConnectionSettings {
  return {
    REDIS_URL: config.get('REDIS_URL'),
    REDIS_TLS_CA_FILE: config.get('REDIS_TLS_CA_FILE'),
    REDIS_TLS_CERT_FILE: config.get('REDIS_TLS_CERT_FILE'),
    REDIS_TLS_KEY_FILE: config.get('REDIS_TLS_KEY_FILE'),
    REDIS_CLUSTER: config.get('REDIS_CLUSTER'),
    REDIS_CLUSTER_NODES: config.get('REDIS_CLUSTER_NODES'),
  };
}
