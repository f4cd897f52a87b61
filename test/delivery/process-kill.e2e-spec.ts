import { randomBytes } from 'node:crypto';
import { AppProcess, eventually, startAppProcess } from '../support/app-process';
import { ensureBuiltApp } from '../support/built-app';
import { CodeLoad } from '../support/code-load';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import {
  FINAL_STATUSES,
  MessageBacklog,
  MessageRow,
  readMessageRows,
} from '../support/message-records';
import { uniqueCnPhone } from '../support/phones';
import { countBy, groupBy } from '../support/tally';
import { WebhookReceiver } from '../support/webhook-receiver';

const REQUESTS = 2400;
const CONCURRENCY = 40;
/** The kill comes once this many codes were answered: mid-load, with sends in flight. */
const KILL_AFTER = 900;
// A slowish provider, so that at the kill many sends are in flight.
const PROVIDER_DELAY_MS = 30;
// Small, so the takeover (this × providers + 10 s) comes soon; roomy for a loaded machine.
const PROVIDER_TIMEOUT_MS = 1000;
const TAKEOVER_DELAY_MS = PROVIDER_TIMEOUT_MS + 10_000;
// A record job the dead process was writing is locked for BullMQ's 30 s and found stalled by
// the next check (every 30 s): up to about a minute after the restart.
const SETTLE_TIMEOUT_MS = 100_000;

/**
 * `kill -9` of the API (the node process) during a load of code requests through the webhook
 * provider, then a restart on the same Redis and PostgreSQL: no SMS without its record, no
 * record left unfinished, and the codes in flight at the kill taken over and sent.
 */
describe('SIGKILL of an API process under load', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let backlog: MessageBacklog;
  const processes: AppProcess[] = [];
  let settings: Record<string, string>;

  beforeAll(async () => {
    ensureBuiltApp();
    await receiver.start();
    receiver.setMode({ delayMs: PROVIDER_DELAY_MS });
    database = await createIsolatedDatabase();
    const prefix = `test:${randomBytes(6).toString('hex')}:`;
    settings = {
      ...receiver.settings,
      DATABASE_URL: database.url,
      REDIS_KEY_PREFIX: prefix,
      THROTTLE_LIMIT: '1000000',
      SMS_IP_DAILY_LIMIT: '1000000',
      SMS_DAILY_LIMIT: '1000000',
      SMS_PROVIDER_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS),
    };
    backlog = new MessageBacklog(process.env.REDIS_URL as string, prefix);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(processes.map((app) => app.kill()));
    await backlog?.close();
    await receiver.stop();
    await database?.drop();
  });

  it('loses no record: every SMS the receiver took is recorded, each with a final status, once', async () => {
    const phones = Array.from({ length: REQUESTS }, () => uniqueCnPhone());
    const first = await startAppProcess(settings);
    processes.push(first);
    const load = new CodeLoad(phones, CONCURRENCY).start(first.url);
    await load.untilAnswered(KILL_AFTER, 60_000);
    // Killed while a message is at the provider, so that one is lost mid-send whatever the
    // machine's load (a starved process may hold all its requests before that point).
    await receiver.untilOneInFlight(10_000);

    load.retarget(undefined); // the balancer takes the process out; what is in flight is cut
    await first.kill();
    const killedAt = Date.now();
    const startedBeforeKill = load.started;

    const second = await startAppProcess(settings);
    processes.push(second);
    const restartedAt = Date.now();
    load.retarget(second.url);
    await load.done();

    const accepted = () => receiver.received.filter((sms) => sms.answered === 204);
    let rows: MessageRow[] = [];
    await eventually(
      async () => {
        if (Date.now() < killedAt + TAKEOVER_DELAY_MS || !(await backlog.isEmpty())) return false;
        rows = await readMessageRows(database.url);
        const recorded = new Set(rows.map((row) => row.id));
        return accepted().every((sms) => recorded.has(sms.id));
      },
      SETTLE_TIMEOUT_MS,
      async () => {
        const recorded = new Set(rows.map((row) => row.id));
        const missing = accepted().filter((sms) => !recorded.has(sms.id)).length;
        return `backlog ${JSON.stringify(await backlog.counts())}, ${missing} SMS without a record`;
      },
      500,
    );
    const settledAfterRestartMs = Date.now() - restartedAt;

    const cut = load.answers.filter((answer) => answer.error !== undefined);
    const answered = load.answers.filter((answer) => answer.status !== undefined);
    const codesSent = answered.filter((answer) => answer.status === 202);
    const byPhone = groupBy(rows, (row) => row.phone);
    const received = groupBy(receiver.received, (sms) => sms.phone);
    const takenOver = cut.filter((answer) => (received.get(answer.phone)?.length ?? 0) === 2);
    const statuses = countBy(rows, (row) => row.status);
    const summary = {
      requests: load.answers.length,
      startedBeforeKill,
      cutAtKill: cut.length,
      answered: countBy(answered, (answer) => String(answer.status)),
      receiverGot: receiver.received.length,
      receiverAccepted: accepted().length,
      records: rows.length,
      statuses,
      takenOver: takenOver.length,
      settledAfterRestartMs,
    };
    process.stdout.write(`SIGKILL under load: ${JSON.stringify(summary)}\n`);

    // The scenario happened: sends were in flight at the kill, and each request was asked once.
    expect(load.answers).toHaveLength(REQUESTS);
    expect(cut.length).toBeGreaterThan(0);
    expect(answered.length + cut.length).toBe(REQUESTS);
    // Every SMS the receiver took has its record; every record is final.
    const recorded = new Set(rows.map((row) => row.id));
    expect(accepted().filter((sms) => !recorded.has(sms.id))).toEqual([]);
    expect(rows.filter((row) => !FINAL_STATUSES.includes(row.status))).toEqual([]);
    expect(await backlog.failed()).toBe(0);
    // One request per phone: one message id, one record, whoever sent it.
    for (const [phone, messages] of received) {
      expect({ phone, ids: new Set(messages.map((sms) => sms.id)).size }).toEqual({
        phone,
        ids: 1,
      });
      expect({ phone, records: byPhone.get(phone)?.length }).toEqual({ phone, records: 1 });
    }
    expect(rows.length).toBe(received.size);
    // Every code answered 202 went out and is recorded sent.
    for (const answer of codesSent) {
      expect({ phone: answer.phone, status: byPhone.get(answer.phone)?.[0].status }).toEqual({
        phone: answer.phone,
        status: 'sent',
      });
    }
    // The codes in flight at the kill were taken over after their delay and sent again: the
    // same code, which still verifies.
    expect(takenOver.length).toBeGreaterThan(0);
    for (const answer of takenOver) {
      expect(byPhone.get(answer.phone)?.[0].status).toBe('sent');
    }
    const { phone } = takenOver[0];
    const [lost, resent] = receiver.messagesTo(phone);
    expect(resent.variables.code).toBe(lost.variables.code);
    const verify = await fetch(`${second.url}/v1/sms/codes/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, code: resent.variables.code }),
    });
    expect(verify.status).toBe(200);
  }, 240_000);
});
