import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { cnPhone } from '../scenarios';
import { round } from '../support/load';
import { readProcess } from '../support/process-stats';
import type { BenchSmsReceiver } from '../support/sms-receiver';
import { postMultipart, recipientCsvStream } from './recipient-upload';

/** Where the campaign's recipients are numbered from: no other scenario sends to +86135…. */
const CAMPAIGN_PREFIX = '135';
const FRACTIONS = [0.1, 0.5, 1] as const;
const FINAL = new Set(['completed', 'cancelled', 'failed']);
/** How often the campaign is read while messages are still arriving. */
const VIEW_EVERY_MS = 5000;

export interface CampaignBenchOptions {
  url: string;
  adminKey: string;
  /** The process that sends (the API with its embedded worker). */
  workerPid: number;
  receiver: BenchSmsReceiver;
  /** The receiver path the API posts to. */
  sender: string;
  recipients: number;
  /** Profiles the send phase (the CPU-profile hook's SIGWINCH), answers the profile's file. */
  profile?: { start(): void; stop(): Promise<string> };
}

export interface CampaignBenchResult {
  recipients: number;
  upload: {
    seconds: number;
    rowsPerS: number;
    counts: Record<string, unknown>;
    peakRssMb: number;
  };
  send: {
    /** From the confirm to the campaign seen `completed` (read every 100 ms once all arrived). */
    seconds: number;
    messagesPerS: number;
    /** The worker's RSS when 10%, 50% and 100% of the list had reached the receiver. */
    rssMbAt: Record<string, number>;
    peakRssMb: number;
    /** The worker process's CPU over the send, in % of one core. */
    cpuPercent: number;
    loadAvgBefore: number;
  };
  /** Counted at the receiver. */
  delivery: { received: number; distinct: number; duplicates: number; missing: number };
  campaign: { status: string; progress: Record<string, unknown> };
  profile?: string;
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/**
 * Scenario #7: a campaign of `recipients` to the webhook provider, as an admin runs it: the
 * signature and a notification template (no send window, no rate), the CSV uploaded as it is
 * generated, the confirm, then polling until completed. Fails when a recipient is missing or
 * received twice, or the counts do not add up.
 */
export async function runCampaignBench(
  options: CampaignBenchOptions,
): Promise<CampaignBenchResult> {
  const admin = adminClient(options.url, options.adminKey);
  const n = options.recipients;
  await admin.approved('/v1/admin/sms/signatures', {
    type: 'app',
    name: 'bench',
    content: '示例商城',
  });
  await admin.approved('/v1/admin/sms/templates', {
    name: 'bench-greeting',
    kind: 'notification',
    content: '{{surname}}先生/女士，新春快乐',
  });
  const campaign = await admin.post('/v1/admin/campaigns', {
    name: `bench ${n}`,
    kind: 'notification',
    template: 'bench-greeting',
    signature: 'bench',
  });
  const id = campaign.id as string;

  const uploadSampler = sampleRss(options.workerPid, () => 0);
  const uploadStarted = performance.now();
  const uploaded = await postMultipart(
    `${options.url}/v1/admin/campaigns/${id}/recipients`,
    { authorization: `Bearer ${options.adminKey}` },
    (boundary) =>
      recipientCsvStream(
        n,
        (i) => cnPhone(CAMPAIGN_PREFIX, i),
        [{ name: 'surname', valueOf: (i) => `S${i}` }],
        boundary,
      ),
    600_000,
  );
  const uploadSeconds = (performance.now() - uploadStarted) / 1000;
  const uploadRss = uploadSampler.stop();
  if (uploaded.status !== 201 || uploaded.body.accepted !== n || uploaded.body.rows !== n) {
    throw new Error(
      `upload of ${n} rows answered ${uploaded.status} ${JSON.stringify(uploaded.body)}`,
    );
  }

  const tally = options.receiver.tallyFrom(options.sender);
  const before = tally.size;
  const cpuBefore = readProcess(options.workerPid)?.cpuMs ?? 0;
  const loadAvgBefore = round(loadavg()[0], 2);
  options.profile?.start();
  const sendSampler = sampleRss(options.workerPid, () => (tally.size - before) / n);
  const confirmed = performance.now();
  await admin.post(`/v1/admin/campaigns/${id}/confirm`, undefined, 200);
  // The campaign's view counts its recipients and messages (about a second at 100,000 under
  // load): it is read every few seconds while the receiver's tally is short, every 100 ms after.
  let view: Record<string, unknown>;
  let lookedAt = 0;
  for (;;) {
    const allReceived = tally.size - before >= n;
    if (allReceived || performance.now() - lookedAt > VIEW_EVERY_MS) {
      view = await admin.get(`/v1/admin/campaigns/${id}`);
      lookedAt = performance.now();
      if (FINAL.has(view.status as string)) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const sendSeconds = (performance.now() - confirmed) / 1000;
  const sendRss = sendSampler.stop();
  const cpuMs = (readProcess(options.workerPid)?.cpuMs ?? 0) - cpuBefore;
  const profile = await options.profile?.stop();

  let received = 0;
  let duplicates = 0;
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const times = tally.get(cnPhone(CAMPAIGN_PREFIX, i)) ?? 0;
    received += times;
    if (times === 0) missing++;
    if (times > 1) duplicates += times - 1;
  }
  const result: CampaignBenchResult = {
    recipients: n,
    upload: {
      seconds: round(uploadSeconds, 2),
      rowsPerS: Math.round(n / uploadSeconds),
      counts: uploaded.body,
      peakRssMb: mb(uploadRss.peakKb),
    },
    send: {
      seconds: round(sendSeconds, 2),
      messagesPerS: Math.round(n / sendSeconds),
      rssMbAt: Object.fromEntries(
        FRACTIONS.map((f) => [`${f * 100}%`, mb(sendRss.atFraction.get(f) ?? 0)]),
      ),
      peakRssMb: mb(sendRss.peakKb),
      cpuPercent: round((cpuMs / (sendSeconds * 1000)) * 100),
      loadAvgBefore,
    },
    delivery: { received, distinct: tally.size - before, duplicates, missing },
    campaign: { status: view.status as string, progress: view.progress as Record<string, unknown> },
    profile,
  };
  const progress = view.progress as { sent?: number } | undefined;
  const problems = [
    view.status !== 'completed' && `the campaign ended ${String(view.status)}`,
    progress?.sent !== n && `the campaign counts ${progress?.sent} sent of ${n}`,
    duplicates > 0 && `${duplicates} recipients received more than once`,
    missing > 0 && `${missing} recipients never received`,
  ].filter(Boolean);
  if (problems.length > 0) {
    throw Object.assign(new Error(`campaign: ${problems.join('; ')}`), { result });
  }
  return result;
}

/**
 * The process's RSS every 100 ms: its peak, and its value when `progress()` (0..1) first
 * reached each of FRACTIONS.
 */
function sampleRss(pid: number, progress: () => number) {
  let peakKb = 0;
  const atFraction = new Map<number, number>();
  const sample = () => {
    const rssKb = readProcess(pid)?.rssKb ?? 0;
    peakKb = Math.max(peakKb, rssKb);
    const done = progress();
    for (const f of FRACTIONS) if (done >= f && !atFraction.has(f)) atFraction.set(f, rssKb);
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      sample();
      clearInterval(timer);
      return { peakKb, atFraction };
    },
  };
}

/** Admin calls with the key; `approved` creates a catalogue entry, then approves it. */
function adminClient(url: string, key: string) {
  const call = async (method: string, path: string, body: unknown, expect: number) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status !== expect) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    }
    return answer;
  };
  return {
    get: (path: string) => call('GET', path, undefined, 200),
    post: (path: string, body?: unknown, expect = 201) => call('POST', path, body, expect),
    approved: async (path: string, body: unknown) => {
      const created = await call('POST', path, body, 201);
      return call('POST', `${path}/${String(created.id)}/approve`, undefined, 200);
    },
  };
}
