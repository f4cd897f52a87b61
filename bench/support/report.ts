import type { CampaignBenchResult } from '../campaign/campaign-bench';
import type { LoadResult } from './load';
import type { BareLoopResult } from './bare-renderer';
import type { RoundTrips } from './redis-round-trips';

export interface TargetRun extends LoadResult {
  /** Non-2xx answers that are this scenario's expected answer (a wrong code, a 429 when hammering). */
  expectedNon2xx: number;
  errors: { total: number; unexpectedStatus: number; socket: number; timeouts: number };
  /** Highest RSS sampled (every 100 ms) during the measured window. */
  peakRssMb: number;
  /** The server process's CPU time (user + system) per answered request. */
  cpuUsPerRequest: number;
  /** The server process's CPU use over the window, in % of one core. */
  cpuPercent: number;
  /** 1-minute load average just before the window: a busy machine disturbs the numbers. */
  loadAvgBefore: number;
  redis?: RoundTrips;
  profile?: string;
  /** How long the API's queue took to empty before the window opened (seeding's records). */
  settleMs?: number;
  /** The separate worker's share (`--worker separate`): its CPU per request answered, its peak RSS. */
  worker?: { cpuUsPerRequest: number; peakRssMb: number };
}

export interface ScenarioResult {
  id: number;
  key: string;
  title: string;
  status: 'ran' | 'skipped' | 'failed';
  reason?: string;
  api?: TargetRun;
  floor?: TargetRun;
  /** API requests/s over floor requests/s, measured back to back. */
  ratioToFloor?: number;
  /**
   * Floor CPU per request over the API's: the throughput ratio the API would reach if both were
   * CPU-bound. Steadier than `ratioToFloor` on a busy machine, where the floor's requests/s swing.
   */
  cpuRatioToFloor?: number;
  /** #5: the captcha renderer alone in a loop (bench/support/bare-renderer.ts). */
  bareLoop?: BareLoopResult;
}

export interface TargetCheck {
  target: string;
  /** null: not measured in this run (a scenario was skipped). */
  met: boolean | null;
  detail: string;
}

export interface BenchReport {
  date: string;
  label?: string;
  commit: string;
  node: string;
  machine: {
    cpus: number;
    model: string;
    memTotalMb: number;
    loadAvgStart: number[];
    loadAvgEnd: number[];
  };
  settings: {
    connections: number;
    durationS: number;
    warmupS: number;
    /** Node flags the API ran with (`--api-node-flags`). */
    apiNodeFlags?: string[];
    /** Who worked the API's queues (`--worker`): the API itself, or a worker process beside it. */
    worker?: 'embedded' | 'separate';
    api: Record<string, string>;
  };
  scenarios: ScenarioResult[];
  /** #7, the 100,000-recipient campaign (not an autocannon load). */
  campaign?: CampaignRun;
  api: { peakRssMb: number; records?: { sent: number; recorded: number } };
  floor: { peakRssMb: number };
  targets: TargetCheck[];
}

export interface CampaignRun {
  id: number;
  key: string;
  title: string;
  status: 'ran' | 'failed';
  reason?: string;
  result?: CampaignBenchResult;
}

export const FLOOR_RATIO_TARGET = 0.6;
/** The worker's RSS with the whole list sent, over its RSS at 10% of it: flat, not growing. */
export const CAMPAIGN_RSS_GROWTH_TARGET = 1.25;
/** The API's p99 over the floor's own p99 on the same scenario, at most. */
export const P99_OVER_FLOOR_TARGET = 1.5;
export const RSS_TARGET_MB = 200;
/**
 * Redis round trips of a send (#1), at most: what it took once messages became durable jobs
 * (the throttle hit, the reserve, the held code's job, the record's job, and the embedded
 * worker taking and finishing the jobs), bench/results/2026-12-02T00-25-01Z.json.
 */
export const SEND_ROUND_TRIPS = 12;
/** Redis round trips of a verify (#2): the issue asks one. */
export const VERIFY_ROUND_TRIPS = 1;

export function checkTargets(report: Omit<BenchReport, 'targets'>): TargetCheck[] {
  const byId = new Map(report.scenarios.map((s) => [s.id, s]));
  const ran = report.scenarios.filter((s) => s.status === 'ran' && s.api);
  const checks: TargetCheck[] = [];

  for (const id of [1, 2, 3, 4, 5, 6]) {
    const s = byId.get(id);
    const target = `#${id} >= 60% of floor (throughput and CPU per request)`;
    if (!s || s.status !== 'ran') {
      checks.push({ target, met: null, detail: s?.reason ?? 'not run' });
    } else if (s.ratioToFloor === undefined) {
      checks.push({ target, met: null, detail: s.reason ?? 'no floor for this scenario' });
    } else {
      checks.push({
        target,
        met: s.ratioToFloor >= FLOOR_RATIO_TARGET && (s.cpuRatioToFloor ?? 0) >= FLOOR_RATIO_TARGET,
        detail:
          `${pct(s.ratioToFloor)} (${s.api?.rps} vs ${s.floor?.rps} req/s); by CPU per request ` +
          `${s.cpuRatioToFloor === undefined ? '-' : pct(s.cpuRatioToFloor)}`,
      });
    }
  }

  const withFloor = ran.filter((s) => s.floor !== undefined);
  const p99Over = (s: ScenarioResult): number =>
    (s.api as TargetRun).latencyMs.p99 / Math.max(1, (s.floor as TargetRun).latencyMs.p99);
  checks.push({
    target: `p99 <= ${P99_OVER_FLOOR_TARGET}x the floor's p99`,
    met: withFloor.length ? withFloor.every((s) => p99Over(s) <= P99_OVER_FLOOR_TARGET) : null,
    detail: withFloor
      .map((s) => `#${s.id} ${s.api?.latencyMs.p99} vs ${s.floor?.latencyMs.p99} ms`)
      .join(', '),
  });

  const failing = ran.filter((s) => (s.api as TargetRun).errors.total > 0);
  checks.push({
    target: 'no errors',
    met: ran.length
      ? failing.length === 0 && !report.scenarios.some((s) => s.status === 'failed')
      : null,
    detail: ran.map((s) => `#${s.id} ${s.api?.errors.total}`).join(', '),
  });

  const accepted = byId.get(2)?.api;
  const rejected = byId.get(6)?.api;
  checks.push({
    target: 'rejected path (#6) >= accepted path (#2)',
    met: accepted && rejected ? rejected.rps >= accepted.rps : null,
    detail: accepted && rejected ? `${rejected.rps} vs ${accepted.rps} req/s` : 'not run',
  });

  checks.push({
    target: `API RSS < ${RSS_TARGET_MB} MB`,
    met: report.api.peakRssMb < RSS_TARGET_MB,
    detail: `peak ${report.api.peakRssMb} MB`,
  });

  const sendTrips = byId.get(1)?.api?.redis?.perRequest;
  checks.push({
    target: `send (#1): <= ${SEND_ROUND_TRIPS} Redis round trips`,
    met: sendTrips === undefined ? null : sendTrips <= SEND_ROUND_TRIPS,
    detail: `${sendTrips ?? '-'} per request`,
  });
  const verifyTrips = byId.get(2)?.api?.redis?.perRequest;
  checks.push({
    target: `verify (#2): ${VERIFY_ROUND_TRIPS} Redis round trip`,
    met: verifyTrips === undefined ? null : verifyTrips <= VERIFY_ROUND_TRIPS,
    detail: `${verifyTrips ?? '-'} per request`,
  });

  checks.push(...campaignChecks(report.campaign));

  const records = report.api.records;
  checks.push({
    target: 'every send recorded (after shutdown)',
    met: records ? records.recorded === records.sent : null,
    detail: records ? `${records.recorded} of ${records.sent}` : 'not checked',
  });
  return checks;
}

function campaignChecks(run: CampaignRun | undefined): TargetCheck[] {
  const result = run?.result;
  const once = result
    ? `${result.delivery.distinct} of ${result.recipients} received, ` +
      `${result.delivery.duplicates} twice, ${result.delivery.missing} missing`
    : (run?.reason ?? 'not run');
  const at10 = result?.send.rssMbAt['10%'];
  const at100 = result?.send.rssMbAt['100%'];
  return [
    {
      target: '#7 every campaign recipient received exactly once',
      met: run ? run.status === 'ran' : null,
      detail: once,
    },
    {
      target: `#7 worker RSS flat over the list (100% <= ${CAMPAIGN_RSS_GROWTH_TARGET} x 10%)`,
      met: at10 && at100 ? at100 <= at10 * CAMPAIGN_RSS_GROWTH_TARGET : null,
      detail: result
        ? `${Object.entries(result.send.rssMbAt)
            .map(([at, rss]) => `${at} ${rss} MB`)
            .join(', ')}; peak ${result.send.peakRssMb} MB`
        : 'not run',
    },
  ];
}

/** The campaign's line under the table. */
export function formatCampaign(run: CampaignRun | undefined): string[] {
  if (!run) return [];
  const r = run.result;
  if (!r) return [`#${run.id} ${run.key}: ${run.status}: ${run.reason ?? ''}`];
  return [
    `#${run.id} ${run.key} (${r.recipients} recipients${run.status === 'failed' ? `, FAILED: ${run.reason}` : ''}):` +
      ` upload ${r.upload.rowsPerS} rows/s (${r.upload.seconds} s),` +
      ` sent ${r.send.messagesPerS} messages/s (${r.send.seconds} s),` +
      ` worker RSS ${Object.entries(r.send.rssMbAt)
        .map(([at, rss]) => `${rss} MB at ${at}`)
        .join(', ')}, peak ${r.send.peakRssMb} MB (upload ${r.upload.peakRssMb} MB),` +
      ` worker CPU ${r.send.cpuPercent}%`,
  ];
}

function pct(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}

export function formatTable(report: BenchReport): string {
  const header = [
    '#',
    'scenario',
    'target',
    'req/s',
    'p50',
    'p90',
    'p99',
    'errors',
    'expected non-2xx',
    'RSS MB',
    'CPU µs/req',
    'Redis/req',
    'vs floor',
    'CPU vs floor',
  ] as const;
  /** A row with `cells` under the columns they name, the others empty. */
  const rowOf = (cells: Partial<Record<(typeof header)[number], string>>): string[] =>
    header.map((name) => cells[name] ?? '');
  const rows: string[][] = [];
  for (const s of report.scenarios) {
    if (s.status !== 'ran') {
      rows.push(
        rowOf({
          '#': String(s.id),
          scenario: s.key,
          target: '-',
          'req/s': s.status,
          'CPU vs floor': s.reason ?? '',
        }),
      );
      continue;
    }
    for (const kind of ['api', 'floor'] as const) {
      const run = s[kind];
      if (!run) continue;
      rows.push([
        kind === 'api' ? String(s.id) : '',
        kind === 'api' ? s.key : '',
        kind,
        String(run.rps),
        String(run.latencyMs.p50),
        String(run.latencyMs.p90),
        String(run.latencyMs.p99),
        String(run.errors.total),
        String(run.expectedNon2xx),
        String(run.peakRssMb),
        String(run.cpuUsPerRequest),
        run.redis ? String(run.redis.perRequest) : '',
        kind === 'api' && s.ratioToFloor !== undefined ? pct(s.ratioToFloor) : '',
        kind === 'api' && s.cpuRatioToFloor !== undefined ? pct(s.cpuRatioToFloor) : '',
      ]);
      if (run.worker) {
        rows.push(
          rowOf({
            target: '+worker',
            'RSS MB': String(run.worker.peakRssMb),
            'CPU µs/req': String(run.worker.cpuUsPerRequest),
          }),
        );
      }
    }
    if (s.bareLoop) {
      rows.push([
        '',
        '',
        'loop',
        String(s.bareLoop.rendersPerS),
        ...Array<string>(6).fill(''),
        String(s.bareLoop.cpuUsPerRender),
        '',
        '',
        '',
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const targets = report.targets.map(
    (t) => `  ${t.met === null ? ' -  ' : t.met ? 'met ' : 'MISS'}  ${t.target}: ${t.detail}`,
  );
  return [
    line([...header]),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...formatCampaign(report.campaign),
    '',
    `latency in ms; "loop": the captcha renderer alone in a loop (renders/s, CPU µs per render); load average ${report.machine.loadAvgStart.join(' ')} at start, ${report.machine.loadAvgEnd.join(' ')} at end`,
    'targets:',
    ...targets,
  ].join('\n');
}
