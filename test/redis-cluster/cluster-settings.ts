import type { LocalRedisCluster } from '../support/redis-cluster';

/** The settings of a service on the local cluster (the pumping defence off, as in other test apps). */
export function clusterSettings(cluster: LocalRedisCluster): Record<string, string> {
  return {
    REDIS_URL: cluster.url,
    REDIS_CLUSTER: 'on',
    // A second start node: the service starts even if REDIS_URL's node is the one killed.
    REDIS_CLUSTER_NODES: cluster.nodes[1].url,
    SMS_FRAUD_GUARD: 'off',
    TRUST_PROXY: 'true',
  };
}

/** Distinct client addresses, as a proxy reports them with TRUST_PROXY. */
let ipSequence = 0;
export const uniqueIp = (): string => `10.99.${(ipSequence >> 8) & 255}.${ipSequence++ & 255}`;

/** How many of each status the answers had: `{ 202: 3, 429: 17 }`. */
export function countStatuses(responses: Array<{ status: number }>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of responses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
