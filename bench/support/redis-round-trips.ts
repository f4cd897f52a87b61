import type { Workload } from './load';
import { startMonitor } from '../../test/support/redis-monitor';

export interface RoundTrips {
  /** Requests sampled, one at a time. */
  requests: number;
  /** Commands the server sent to Redis per request (calls made inside Lua scripts not counted). */
  perRequest: number;
  /** The same, by command name. */
  byCommand: Record<string, number>;
}

/**
 * Counts the Redis commands a server issues per request: sends `requests` requests one at a
 * time while MONITOR watches, and counts the commands that came from a client rather than from
 * inside a Lua script. Run outside the timed window: MONITOR slows Redis down.
 */
export async function countRedisRoundTrips(
  redisUrl: string,
  url: string,
  workload: Workload,
  requests = 50,
): Promise<RoundTrips> {
  let byCommand: Record<string, number> = {};
  let total = 0;
  let lastCommandAt = Date.now();
  const monitor = await startMonitor(redisUrl, (source, command) => {
    lastCommandAt = Date.now();
    if (source === 'lua') return;
    byCommand[command] = (byCommand[command] ?? 0) + 1;
    total++;
  });
  try {
    // Wait for quiet: requests of the timed run may still be finishing.
    const deadline = Date.now() + 10_000;
    while (Date.now() - lastCommandAt < 300 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    byCommand = {};
    total = 0;
    for (let i = 0; i < requests; i++) {
      const { body, headers } = workload.next?.() ?? {};
      const response = await fetch(`${url}${workload.path}`, {
        method: workload.method,
        headers: {
          ...(workload.method === 'POST' ? { 'content-type': 'application/json' } : {}),
          ...workload.headers,
          ...headers,
        },
        body,
      });
      await response.arrayBuffer();
    }
    // MONITOR output trails the replies a little.
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    monitor.destroy();
  }
  const perCommand = Object.fromEntries(
    Object.entries(byCommand).map(([name, count]) => [name, count / requests]),
  );
  return { requests, perRequest: total / requests, byCommand: perCommand };
}
