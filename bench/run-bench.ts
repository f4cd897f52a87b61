import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations } from '../libs/prisma/src/migrator';
import {
  startPostgres,
  startRedis,
  type ThrowawayService,
} from '../test/support/throwaway-services';
import { type CampaignBenchResult, runCampaignBench } from './campaign/campaign-bench';
import { summarize } from './profile/summarize-cpuprofile';
import { type BenchContext, SCENARIOS, type Scenario, type Target } from './scenarios';
import { type ChildServer, startChildServer } from './support/child-server';
import { findFreePort } from './support/free-port';
import { settleMessageQueue } from './support/queue-settle';
import { measureBareRenderer } from './support/bare-renderer';
import { ensurePostgresOnPath } from './support/postgres-path';
import { fire, round } from './support/load';
import { RssSampler } from './support/process-stats';
import { countRedisRoundTrips } from './support/redis-round-trips';
import {
  type BenchReport,
  type CampaignRun,
  checkTargets,
  formatTable,
  type ScenarioResult,
  type TargetRun,
} from './support/report';
import { BenchSmsReceiver } from './support/sms-receiver';

/**
 * `npm run bench`: the API (built, production mode) against throwaway PostgreSQL and Redis, its
 * SMS going to a local webhook receiver, driven by autocannon on loopback; the floor server
 * measured back to back on the same scenarios. Prints a table, writes bench/results/<date>.json.
 *
 *   npm run bench -- [--only 1,2,6] [--duration 10] [--warmup 3] [--connections 64]
 *                    [--profile] [--no-floor] [--label text] [--out file.json]
 *                    [--recipients 100000]   (#7, the campaign)
 *                    [--api-node-flags "--flag ..."]   (V8/Node flags to try on the API)
 *                    [--worker embedded|separate]   (separate: a worker process, as compose runs)
 */

const ROOT = join(__dirname, '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const PROFILE_HOOK = join(ROOT, 'bench', 'profile', 'cpu-profile-hook.js');
const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString('base64')}`;

interface Options {
  only?: number[];
  durationS: number;
  warmupS: number;
  connections: number;
  profile: boolean;
  floor: boolean;
  label?: string;
  out?: string;
  loginPool: number;
  verifyPool: number;
  recipients: number;
  /** Node's flags for the API process (none by default, as the image). */
  apiNodeFlags: string[];
  /**
   * `embedded`: the API works the queues itself (its default); `separate`: WORKER_EMBEDDED=false
   * and one worker process beside it, as docker-compose.yml runs them.
   */
  worker: 'embedded' | 'separate';
}

const CAMPAIGN_SCENARIO = { id: 7, key: 'campaign', title: 'a campaign to the webhook provider' };

function parseArgs(args: string[]): Options {
  const options: Options = {
    durationS: 10,
    warmupS: 3,
    connections: 64,
    profile: false,
    floor: true,
    // Enough users that the floor, at its rate, does not run past them into cheap wrong codes.
    loginPool: 40000,
    verifyPool: 15000,
    recipients: 100_000,
    apiNodeFlags: [],
    worker: 'embedded',
  };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split('=', 2);
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--only':
        options.only = value().split(',').map(Number);
        break;
      case '--duration':
        options.durationS = Number(value());
        break;
      case '--warmup':
        options.warmupS = Number(value());
        break;
      case '--connections':
        options.connections = Number(value());
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--no-floor':
        options.floor = false;
        break;
      case '--label':
        options.label = value();
        break;
      case '--out':
        options.out = value();
        break;
      case '--login-pool':
        options.loginPool = Number(value());
        break;
      case '--verify-pool':
        options.verifyPool = Number(value());
        break;
      case '--recipients':
        options.recipients = Number(value());
        break;
      case '--worker': {
        const topology = value();
        if (topology !== 'embedded' && topology !== 'separate')
          throw new Error(`--worker takes embedded or separate, not ${topology}`);
        options.worker = topology;
        break;
      }
      case '--api-node-flags':
        options.apiNodeFlags = value().split(/\s+/).filter(Boolean);
        break;
      default:
        throw new Error(`Unknown option ${args[i]}`);
    }
  }
  return options;
}

/** The API's settings: production mode, limits high enough that scenarios measure the path. */
function apiSettings(
  port: number,
  databaseUrl: string,
  redisUrl: string,
  webhookUrl: string,
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: 'bench:api:',
    ADMIN_API_KEY: randomBytes(24).toString('hex'),
    APP_NAME: 'Bench',
    LOG_LEVEL: 'info',
    SMS_PROVIDER: 'webhook',
    SMS_WEBHOOK_URL: webhookUrl,
    SMS_WEBHOOK_SECRET: WEBHOOK_SECRET,
    // 0 so that the log-in scenario can send a sign-up and then a log-in code to one phone;
    // the rejected scenario hits the phone's daily limit (10) instead.
    SMS_RESEND_INTERVAL_SECONDS: '0',
    SMS_PHONE_DAILY_LIMIT: '10',
    SMS_IP_DAILY_LIMIT: '1000000000',
    SMS_DAILY_LIMIT: '1000000000',
    THROTTLE_LIMIT: '1000000000',
    CAPTCHA_RATE_LIMIT: '1000000000',
    // The load is one IP sending codes nobody verifies, which the pumping defence challenges
    // (every send would answer 403). `record` runs all of it (the watched keys counted in the
    // reserve script, a decision written per send over budget) and refuses nothing: the
    // defence's whole cost, an upper bound of what real traffic pays.
    SMS_FRAUD_GUARD: 'record',
  };
}

const PUBLIC_SETTINGS = [
  'NODE_ENV',
  'LOG_LEVEL',
  'SMS_PROVIDER',
  'SMS_RESEND_INTERVAL_SECONDS',
  'SMS_PHONE_DAILY_LIMIT',
  'SMS_IP_DAILY_LIMIT',
  'SMS_DAILY_LIMIT',
  'THROTTLE_LIMIT',
  'SMS_FRAUD_GUARD',
];

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--untracked-files=no', '--', 'apps', 'libs', 'bench', 'prisma'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    ).trim();
    return dirty ? `${commit}+dirty` : commit;
  } catch {
    return 'unknown';
  }
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;
const load1 = () => round(loadavg()[0], 2);

async function measure(
  scenario: Scenario,
  target: Target,
  bench: BenchContext,
  options: Options,
  redisUrl: string,
  profileStamp: string,
): Promise<TargetRun> {
  const workload = await scenario.prepare(target, bench);
  const url = target.url;
  if (options.warmupS > 0)
    await fire(workload, { url, connections: options.connections, durationS: options.warmupS });

  const settleMs =
    target.redisKeyPrefix === undefined
      ? undefined
      : await settleMessageQueue(redisUrl, target.redisKeyPrefix);

  const loadAvgBefore = load1();
  const endWindow = target.sampler.window();
  const endWorkerWindow = target.worker?.sampler.window();
  if (options.profile) target.server.signal('SIGWINCH');
  const result = await fire(workload, {
    url,
    connections: options.connections,
    durationS: options.durationS,
  });
  if (options.profile) target.server.signal('SIGWINCH');
  const window = endWindow();
  const workerWindow = endWorkerWindow?.();

  const expected = new Set(scenario.expectedNon2xx);
  let expectedNon2xx = 0;
  let unexpectedStatus = 0;
  for (const [status, count] of Object.entries(result.statuses)) {
    const code = Number(status);
    if (code >= 200 && code < 300) continue;
    if (expected.has(code)) expectedNon2xx += count;
    else unexpectedStatus += count;
  }
  const run: TargetRun = {
    ...result,
    expectedNon2xx,
    errors: {
      total: unexpectedStatus + result.socketErrors + result.timeouts,
      unexpectedStatus,
      socket: result.socketErrors,
      timeouts: result.timeouts,
    },
    peakRssMb: mb(window.peakRssKb),
    cpuUsPerRequest: result.requests ? round((window.cpuMs * 1000) / result.requests) : 0,
    cpuPercent: round((window.cpuMs / (result.durationS * 1000)) * 100),
    loadAvgBefore,
    settleMs,
  };
  if (workerWindow) {
    run.worker = {
      cpuUsPerRequest: result.requests ? round((workerWindow.cpuMs * 1000) / result.requests) : 0,
      peakRssMb: mb(workerWindow.peakRssKb),
    };
  }
  if (options.profile)
    run.profile = await collectProfile(
      target,
      `${profileStamp}-${scenario.id}-${scenario.key}-${target.kind}`,
    );
  run.redis = await countRedisRoundTrips(redisUrl, url, workload);
  return run;
}

const profileCounts = new Map<string, number>();
async function collectProfile(target: Target, name: string): Promise<string> {
  const n = (profileCounts.get(target.kind) ?? 0) + 1;
  profileCounts.set(target.kind, n);
  const written = join(RESULTS_DIR, `${target.kind}-${n}.cpuprofile`);
  for (let i = 0; i < 100 && !existsSync(written); i++)
    await new Promise((r) => setTimeout(r, 100));
  const file = join(RESULTS_DIR, `${name}.cpuprofile`);
  renameSync(written, file);
  return file;
}

async function runScenario(
  scenario: Scenario,
  targets: { api: Target; floor?: Target },
  bench: BenchContext,
  options: Options,
  redisUrl: string,
  stamp: string,
): Promise<ScenarioResult> {
  const result: ScenarioResult = {
    id: scenario.id,
    key: scenario.key,
    title: scenario.title,
    status: 'ran',
  };
  const reason = await scenario.probe(targets.api);
  if (reason) return { ...result, status: 'skipped', reason };
  const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
  try {
    result.api = await measure(scenario, targets.api, bench, options, redisUrl, stamp);
  } catch (error) {
    return { ...result, status: 'failed', reason: describe(error) };
  }
  if (scenario.key === 'captcha') result.bareLoop = measureBareRenderer();
  if (scenario.onFloor && targets.floor) {
    try {
      result.floor = await measure(scenario, targets.floor, bench, options, redisUrl, stamp);
      result.ratioToFloor = round(result.api.rps / result.floor.rps, 3);
      if (result.api.cpuUsPerRequest > 0) {
        result.cpuRatioToFloor = round(
          result.floor.cpuUsPerRequest / result.api.cpuUsPerRequest,
          3,
        );
      }
    } catch (error) {
      result.reason = `floor failed: ${describe(error)}`;
    }
  }
  return result;
}

async function countRecords(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM sms_messages');
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  ensurePostgresOnPath();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const date = new Date();
  const stamp = date
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const runDir = mkdtempSync(join(tmpdir(), 'smsauth-bench-'));
  const loadAvgStart = loadavg().map((v) => round(v, 2));
  const cleanups: Array<() => Promise<unknown>> = [];
  const children: ChildServer[] = [];
  const killChildren = () => children.forEach((child) => child.signal('SIGKILL'));
  process.once('exit', killChildren);
  process.once('SIGINT', () => process.exit(130));

  try {
    log('starting PostgreSQL and Redis');
    const services = await Promise.allSettled([startPostgres(), startRedis()]);
    for (const s of services) if (s.status === 'fulfilled') cleanups.push(() => s.value.stop());
    const failed = services.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [postgres, redis] = services.map(
      (s) => (s as PromiseFulfilledResult<ThrowawayService>).value,
    );
    await applyMigrations({
      databaseUrl: postgres.url,
      migrationsDir: join(ROOT, 'prisma', 'migrations'),
    });

    const receiver = await new BenchSmsReceiver().start();
    cleanups.push(() => receiver.stop());

    const profileFlags = (label: string): { args: string[]; env: Record<string, string> } =>
      options.profile
        ? {
            args: ['--require', PROFILE_HOOK],
            env: { BENCH_CPU_PROFILE_DIR: RESULTS_DIR, BENCH_CPU_PROFILE_LABEL: label },
          }
        : { args: [], env: {} };
    const baseEnv: Record<string, string> = { PATH: process.env.PATH ?? '', TZ: 'UTC' };
    if (process.env.NODE_OPTIONS) baseEnv.NODE_OPTIONS = process.env.NODE_OPTIONS;
    // glibc's malloc tuning, to try what the image could set.
    for (const name of ['MALLOC_ARENA_MAX', 'MALLOC_TRIM_THRESHOLD_', 'MALLOC_MMAP_THRESHOLD_']) {
      const value = process.env[name];
      if (value) baseEnv[name] = value;
    }

    log('starting the API (dist/apps/api/src/main.js)');
    const apiPort = await findFreePort();
    const settings = apiSettings(apiPort, postgres.url, redis.url, receiver.urlFor('api'));
    const apiProfile = profileFlags('api');
    const apiServer = await startChildServer({
      name: 'api',
      args: [
        ...options.apiNodeFlags,
        ...apiProfile.args,
        join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js'),
      ],
      env: {
        ...baseEnv,
        ...settings,
        ...(options.worker === 'separate' ? { WORKER_EMBEDDED: 'false' } : {}),
        ...apiProfile.env,
      },
      url: `http://127.0.0.1:${apiPort}`,
      logFile: join(runDir, 'api.log'),
      cwd: ROOT,
    });
    children.push(apiServer);
    const api: Target = {
      kind: 'api',
      url: apiServer.url,
      server: apiServer,
      sampler: new RssSampler(apiServer.pid).start(),
      redisKeyPrefix: settings.REDIS_KEY_PREFIX,
    };
    if (options.worker === 'separate') {
      log('starting the worker (dist/apps/worker/src/main.js)');
      const workerServer = await startChildServer({
        name: 'worker',
        args: [join(ROOT, 'dist', 'apps', 'worker', 'src', 'main.js')],
        // The worker's own WORKER_EMBEDDED is the one that starts its processors.
        env: { ...baseEnv, ...settings, WORKER_EMBEDDED: 'true' },
        url: '',
        readyLine: 'Working the queues',
        logFile: join(runDir, 'worker.log'),
        cwd: ROOT,
      });
      children.push(workerServer);
      api.worker = { server: workerServer, sampler: new RssSampler(workerServer.pid).start() };
    }

    let floor: Target | undefined;
    if (options.floor) {
      log('starting the floor (bench/floor/floor-server.ts)');
      const floorPort = await findFreePort();
      const floorProfile = profileFlags('floor');
      const floorServer = await startChildServer({
        name: 'floor',
        args: [
          ...floorProfile.args,
          '--import',
          'tsx',
          join(ROOT, 'bench', 'floor', 'floor-server.ts'),
        ],
        env: {
          ...baseEnv,
          ...settings,
          ...floorProfile.env,
          PORT: String(floorPort),
          REDIS_KEY_PREFIX: 'bench:floor:',
          SMS_WEBHOOK_URL: receiver.urlFor('floor'),
        },
        url: `http://127.0.0.1:${floorPort}`,
        logFile: join(runDir, 'floor.log'),
        cwd: ROOT,
      });
      children.push(floorServer);
      floor = {
        kind: 'floor',
        url: floorServer.url,
        server: floorServer,
        sampler: new RssSampler(floorServer.pid).start(),
      };
    }

    const bench: BenchContext = {
      receiver,
      connections: options.connections,
      loginPool: options.loginPool,
      verifyPool: options.verifyPool,
    };
    const scenarios: ScenarioResult[] = [];
    for (const scenario of SCENARIOS) {
      if (options.only && !options.only.includes(scenario.id)) continue;
      log(`#${scenario.id} ${scenario.title}`);
      const result = await runScenario(scenario, { api, floor }, bench, options, redis.url, stamp);
      if (result.status !== 'ran') log(`  ${result.status}: ${result.reason}`);
      else
        log(
          `  api ${result.api?.rps} req/s${result.floor ? `, floor ${result.floor.rps} req/s` : ''}`,
        );
      scenarios.push(result);
    }

    let campaign: CampaignRun | undefined;
    if (!options.only || options.only.includes(CAMPAIGN_SCENARIO.id)) {
      log(`#${CAMPAIGN_SCENARIO.id} ${CAMPAIGN_SCENARIO.title}, ${options.recipients} recipients`);
      campaign = await runCampaign(api, settings.ADMIN_API_KEY, receiver, options, stamp);
      log(
        campaign.status === 'ran'
          ? `  upload ${campaign.result?.upload.rowsPerS} rows/s, sent ${campaign.result?.send.messagesPerS} messages/s`
          : `  failed: ${campaign.reason}`,
      );
    }

    const apiPeak = api.sampler.window()().hwmKb;
    const floorPeak = floor ? floor.sampler.window()().hwmKb : 0;
    api.sampler.stop();
    floor?.sampler.stop();
    // The records check runs after a graceful stop: whatever the API still held must be written.
    const exit = await apiServer.stop();
    let cleanExit = exit.code === 0 || exit.signal === 'SIGTERM';
    if (api.worker) {
      // The records the API queued are the worker's to write: it is stopped once they are.
      await settleMessageQueue(redis.url, settings.REDIS_KEY_PREFIX);
      api.worker.sampler.stop();
      const workerExit = await api.worker.server.stop();
      cleanExit &&= workerExit.code === 0 || workerExit.signal === 'SIGTERM';
    }
    await floor?.server.stop();
    const sent = receiver.count('api');
    const recorded = await countRecords(postgres.url);
    if (!cleanExit)
      log(`the API exited with ${exit.code ?? exit.signal}; its log is kept in ${runDir}`);

    const partial: Omit<BenchReport, 'targets'> = {
      date: date.toISOString(),
      label: options.label,
      commit: gitCommit(),
      node: process.version,
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model ?? 'unknown',
        memTotalMb: Math.round(totalmem() / 2 ** 20),
        loadAvgStart,
        loadAvgEnd: loadavg().map((v) => round(v, 2)),
      },
      settings: {
        connections: options.connections,
        durationS: options.durationS,
        warmupS: options.warmupS,
        apiNodeFlags: options.apiNodeFlags,
        worker: options.worker,
        api: Object.fromEntries(PUBLIC_SETTINGS.map((name) => [name, settings[name]])),
      },
      scenarios,
      campaign,
      api: { peakRssMb: mb(apiPeak), records: { sent, recorded } },
      floor: { peakRssMb: mb(floorPeak) },
    };
    const report: BenchReport = { ...partial, targets: checkTargets(partial) };
    const out = options.out ?? join(RESULTS_DIR, `${stamp}.json`);
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`\n${formatTable(report)}\n\nwritten to ${out}\n`);
    if (options.profile) printProfiles(scenarios, campaign);
    if (cleanExit) rmSync(runDir, { recursive: true, force: true });
    // The campaign's check (every recipient once) fails the run.
    if (campaign?.status === 'failed') process.exitCode = 1;
  } finally {
    for (const child of children) await child.stop();
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

/** #7 against the API (its embedded worker sends), with the send phase profiled on --profile. */
async function runCampaign(
  api: Target,
  adminKey: string,
  receiver: BenchSmsReceiver,
  options: Options,
  stamp: string,
): Promise<CampaignRun> {
  const run: CampaignRun = { ...CAMPAIGN_SCENARIO, status: 'ran' };
  try {
    run.result = await runCampaignBench({
      url: api.url,
      adminKey,
      workerPid: api.server.pid,
      receiver,
      sender: 'api',
      recipients: options.recipients,
      profile: options.profile
        ? {
            start: () => api.server.signal('SIGWINCH'),
            stop: () => {
              api.server.signal('SIGWINCH');
              return collectProfile(api, `${stamp}-7-campaign-api`);
            },
          }
        : undefined,
    });
  } catch (error) {
    run.status = 'failed';
    run.reason = error instanceof Error ? error.message : String(error);
    run.result = (error as { result?: CampaignBenchResult }).result;
  }
  return run;
}

function printProfiles(scenarios: ScenarioResult[], campaign?: CampaignRun): void {
  const profiles = [
    ...scenarios.flatMap((s) => [s.api?.profile, s.floor?.profile]),
    campaign?.result?.profile,
  ];
  for (const profile of profiles) {
    if (!profile) continue;
    const summary = summarize(JSON.parse(readFileSync(profile, 'utf8')), 12);
    process.stdout.write(`\n${profile}\n`);
    for (const f of summary.functions)
      process.stdout.write(`  ${String(f.percent).padStart(5)}%  ${f.name}  ${f.where}\n`);
    process.stdout.write(
      `  by package: ${summary.packages
        .slice(0, 8)
        .map((p) => `${p.name} ${p.percent}%`)
        .join(', ')}\n`,
    );
  }
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
