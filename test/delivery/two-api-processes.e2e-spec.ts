import { randomBytes } from 'node:crypto';
import {
  AppProcess,
  eventually,
  startAppProcess,
  startAppProcesses,
  WORKER_APP,
} from '../support/app-process';
import { ensureBuiltApp } from '../support/built-app';
import { CodeAnswer, CodeLoad } from '../support/code-load';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { MessageBacklog, MessageRow, readMessageRows } from '../support/message-records';
import { uniqueCnPhone } from '../support/phones';
import { countBy } from '../support/tally';
import { WebhookReceiver } from '../support/webhook-receiver';

const REQUESTS_PER_PROCESS = 800;
const CONCURRENCY = 20;
const CONTESTED_PHONES = 10;
const PARALLEL_PER_PHONE = 20;

/**
 * Two API processes on one Redis key prefix and one database, under load, each with its
 * embedded worker, or with the workers off and two worker processes beside them: they act as
 * one service. Each record is written once, whichever worker takes its job, and 20 parallel
 * requests for one phone spread over both still send one SMS.
 */
describe.each([
  ['with their embedded workers', 0],
  ['and two worker processes', 2],
])('Two API processes on one Redis and PostgreSQL, %s', (name, workerProcesses) => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let backlog: MessageBacklog;
  const processes: AppProcess[] = [];
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    ensureBuiltApp();
    await receiver.start();
    receiver.setMode({ delayMs: 20 });
    database = await createIsolatedDatabase();
    const settings = {
      ...receiver.settings,
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
      WORKER_EMBEDDED: String(workerProcesses === 0),
      THROTTLE_LIMIT: '1000000',
      SMS_IP_DAILY_LIMIT: '1000000',
      SMS_DAILY_LIMIT: '1000000',
    };
    const startApi = () => startAppProcess(settings);
    processes.push(...(await startAppProcesses([startApi, startApi])));
    const workerSettings = { ...settings, LOG_LEVEL: 'info' };
    const startWorker = () => startAppProcess(workerSettings, WORKER_APP);
    workers.push(
      ...(await startAppProcesses(Array.from({ length: workerProcesses }, () => startWorker))),
    );
    backlog = new MessageBacklog(process.env.REDIS_URL as string, settings.REDIS_KEY_PREFIX);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...processes, ...workers].map((app) => app.stop()));
    await backlog?.close();
    await receiver.stop();
    await database?.drop();
  });

  it('writes every record once and sends one SMS for 20 parallel requests across both', async () => {
    const [first, second] = processes;
    const phonesOf = () => Array.from({ length: REQUESTS_PER_PROCESS }, () => uniqueCnPhone());
    const loads = [
      new CodeLoad(phonesOf(), CONCURRENCY).start(first.url),
      new CodeLoad(phonesOf(), CONCURRENCY).start(second.url),
    ];
    // Under that load, phones asked 20 times at once, alternately through each process.
    await Promise.all(loads.map((load) => load.untilAnswered(100, 60_000)));
    const contested = Array.from({ length: CONTESTED_PHONES }, () => uniqueCnPhone());
    const contestedAnswers = await Promise.all(
      contested.map((phone) =>
        Promise.all(
          Array.from({ length: PARALLEL_PER_PHONE }, (_, i) =>
            requestCode(processes[i % 2].url, phone),
          ),
        ),
      ),
    );
    await Promise.all(loads.map((load) => load.done()));
    const loadAnswers = loads.flatMap((load) => load.answers);

    let rows: MessageRow[] = [];
    const startedWaiting = Date.now();
    await eventually(
      async () => {
        if (!(await backlog.isEmpty())) return false;
        rows = await readMessageRows(database.url);
        return rows.length >= receiver.received.length;
      },
      30_000,
      async () => `backlog ${JSON.stringify(await backlog.counts())}, ${rows.length} records`,
    );
    const summary = {
      requests: loadAnswers.length + CONTESTED_PHONES * PARALLEL_PER_PHONE,
      load: countBy(loadAnswers, (answer) => String(answer.status ?? answer.error)),
      contested: countBy(contestedAnswers.flat(), (answer) => String(answer.status)),
      receiverGot: receiver.received.length,
      records: rows.length,
      settledAfterLoadMs: Date.now() - startedWaiting,
    };
    process.stdout.write(`Two API processes, ${name}: ${JSON.stringify(summary)}\n`);

    expect(loadAnswers.filter((answer) => answer.status !== 202)).toEqual([]);
    for (const [index, answers] of contestedAnswers.entries()) {
      const phone = contested[index];
      expect({ phone, statuses: countBy(answers, (answer) => String(answer.status)) }).toEqual({
        phone,
        statuses: { 202: 1, 429: PARALLEL_PER_PHONE - 1 },
      });
      expect(answers.filter((answer) => answer.status === 429).map((a) => a.body?.code)).toEqual(
        Array.from({ length: PARALLEL_PER_PHONE - 1 }, () => 'TooFrequent'),
      );
      expect(receiver.messagesTo(phone)).toHaveLength(1);
    }
    // One SMS per phone, one record per SMS, written once (by whichever worker), all sent.
    const phones = [...loadAnswers.map((answer) => answer.phone), ...contested];
    expect(receiver.received).toHaveLength(phones.length);
    expect(new Set(receiver.received.map((sms) => sms.phone)).size).toBe(phones.length);
    expect(rows).toHaveLength(phones.length);
    expect(new Set(rows.map((row) => row.id))).toEqual(
      new Set(receiver.received.map((sms) => sms.id)),
    );
    expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
    expect(await backlog.failed()).toBe(0);
  }, 180_000);
});

async function requestCode(url: string, phone: string): Promise<CodeAnswer> {
  const response = await fetch(`${url}/v1/sms/codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone }),
  });
  return {
    phone,
    target: url,
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}
