import autocannon, { type RawRequest, type RequestSpec } from 'autocannon';

/** One request shape; `next` gives each request its body (and optionally its headers). */
export interface Workload {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Called once per request; undefined sends no body. */
  next?: () => { body?: string; headers?: Record<string, string> };
}

export interface LoadResult {
  requests: number;
  durationS: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  statuses: Record<string, number>;
  socketErrors: number;
  timeouts: number;
}

export interface FireOptions {
  url: string;
  connections: number;
  /** Either a duration or an exact number of requests. */
  durationS?: number;
  amount?: number;
}

/** Drives `workload` with autocannon and returns what the harness reports. */
export async function fire(workload: Workload, options: FireOptions): Promise<LoadResult> {
  const request: RequestSpec = {
    method: workload.method,
    path: workload.path,
    headers: {
      ...(workload.method === 'POST' ? { 'content-type': 'application/json' } : {}),
      ...workload.headers,
    },
  };
  const next = workload.next;
  if (next) {
    request.setupRequest = (raw: RawRequest): RawRequest => {
      const { body, headers } = next();
      return { ...raw, body, headers: headers ? { ...raw.headers, ...headers } : raw.headers };
    };
  }
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount !== undefined
      ? { amount: options.amount }
      : { duration: options.durationS }),
    timeout: 10,
    requests: [request],
  });
  const statuses: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[status] = Number(count);
  }
  const answered = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return {
    requests: answered,
    durationS: result.duration,
    rps: round(answered / result.duration),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: round(result.latency.mean, 2),
    },
    statuses,
    socketErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
  };
}

export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
