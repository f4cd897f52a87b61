import { join } from 'node:path';
import { applyMigrations } from '../../libs/prisma/src/migrator';
import { eventually } from '../support/app-process';
import { Accounts, bearer } from '../support/accounts';
import {
  FINAL_STATUSES,
  MessageBacklog,
  MessageRow,
  readMessageRows,
} from '../support/message-records';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { startPostgres, ThrowawayPostgres } from '../support/throwaway-services';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';

// Past the catalogue cache's 5 s, so that the codes sent while PostgreSQL is down cannot be
// served by a fresh cache alone.
const OUTAGE_MS = 8000;
const PARALLEL = 8;
// A record job retried while PostgreSQL is away backs off 1 s, 2 s, 4 s, 8 s...
const SETTLE_TIMEOUT_MS = 40_000;

interface CodeAnswer {
  phone: string;
  status: number;
  code?: string;
}

/**
 * PostgreSQL shut down (`pg_ctl stop`) and started again while codes are sent: the codes need
 * only Redis and keep being sent, their records wait in the queue and are all written once
 * PostgreSQL is back; the routes that need PostgreSQL answer 503 meanwhile.
 */
describe('PostgreSQL stopped and restarted during code sends', () => {
  const receiver = new WebhookReceiver();
  let postgres: ThrowawayPostgres;
  let service: TestApp;
  let admin: AdminApi;
  let backlog: MessageBacklog;

  beforeAll(async () => {
    await receiver.start();
    postgres = await startPostgres();
    await applyMigrations({
      databaseUrl: postgres.url,
      migrationsDir: join(__dirname, '..', '..', 'prisma', 'migrations'),
    });
    service = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: postgres.url,
      DATABASE_QUERY_TIMEOUT_MS: '1000',
      SMS_IP_DAILY_LIMIT: '1000000',
      SMS_DAILY_LIMIT: '1000000',
    });
    admin = adminApi(service);
    backlog = new MessageBacklog(
      process.env.REDIS_URL as string,
      service.settings.REDIS_KEY_PREFIX,
    );
    // The catalogue the codes are sent with: it must still be this one while PostgreSQL is down.
    await approvedSignature(admin, { name: 'shop', content: '示例商城' });
    await approvedTemplate(admin, {
      name: 'operation_code',
      kind: 'verification',
      purpose: 'operation',
      content: '您的操作验证码是{{code}}',
    });
  }, 120_000);

  afterAll(async () => {
    await postgres?.startAgain();
    await backlog?.close();
    await service?.close();
    await receiver.stop();
    await postgres?.stop();
  });

  const requestCode = async (phone: string): Promise<CodeAnswer> => {
    const response = await service.http().post('/v1/sms/codes').send({ phone });
    return {
      phone,
      status: response.status,
      code: response.status === 202 ? receiver.lastCodeFor(phone) : undefined,
    };
  };

  /** Codes to fresh phones, PARALLEL at a time, for `ms`. */
  const codesFor = async (ms: number): Promise<CodeAnswer[]> => {
    const answers: CodeAnswer[] = [];
    const until = Date.now() + ms;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (Date.now() < until) answers.push(await requestCode(uniqueCnPhone()));
      }),
    );
    return answers;
  };

  it('keeps sending codes, answers 503 where PostgreSQL is needed, and writes every record once it is back', async () => {
    const accounts = new Accounts(service, receiver);
    const account = await accounts.signUp();
    const before = await codesFor(1000);

    await postgres.shutDown();
    const downAt = Date.now();
    const during = await codesFor(OUTAGE_MS);
    // Routes that need PostgreSQL, asked once the outage is well under way: the admin's, the
    // accounts', and the codes of every purpose with an account rule (they read the account).
    const needsPostgres = await Promise.all([
      admin.get('/v1/admin/sms/messages'),
      admin.get('/v1/admin/users'),
      service.http().get('/v1/users/me').set('Authorization', bearer(account.sessionToken)),
      service.http().post('/v1/sms/codes').send({ phone: uniqueCnPhone(), purpose: 'signup' }),
      service.http().post('/v1/sms/codes').send({ phone: uniqueCnPhone(), purpose: 'login' }),
      service
        .http()
        .post('/v1/sms/codes')
        .send({ phone: account.phone, purpose: 'reset_password' }),
      service
        .http()
        .post('/v1/sms/codes')
        .set('Authorization', bearer(account.sessionToken))
        .send({ phone: account.phone, purpose: 'verify_phone' }),
    ]);
    const lateInOutage = await codesFor(500);
    await postgres.startAgain();
    const backAt = Date.now();
    const after = await codesFor(1000);

    const answers = [...before, ...during, ...lateInOutage, ...after];
    let rows: MessageRow[] = [];
    const sent = answers.filter((answer) => answer.status === 202);
    const settle = async () => {
      if (!(await backlog.isEmpty())) return false;
      rows = await readMessageRows(postgres.url);
      const recorded = new Set(rows.map((row) => row.phone));
      return sent.every((answer) => recorded.has(answer.phone));
    };
    await eventually(settle, SETTLE_TIMEOUT_MS, async () => {
      const recorded = new Set(rows.map((row) => row.phone));
      const missing = sent.filter((answer) => !recorded.has(answer.phone)).length;
      return `backlog ${JSON.stringify(await backlog.counts())}, ${missing} codes without a record`;
    });
    const settledAfterMs = Date.now() - backAt;
    const summary = {
      outageMs: backAt - downAt,
      codes: {
        before: countStatuses(before),
        during: countStatuses([...during, ...lateInOutage]),
        after: countStatuses(after),
      },
      needsPostgres: needsPostgres.map((response) => response.status),
      receiverGot: receiver.received.length,
      records: rows.length,
      settledAfterMs,
    };
    process.stdout.write(`PostgreSQL outage: ${JSON.stringify(summary)}\n`);

    // Codes need only Redis: every one asked while PostgreSQL was down was sent, with the
    // catalogue's signature and template as before.
    expect([...during, ...lateInOutage].length).toBeGreaterThan(PARALLEL);
    expect(answers.filter((answer) => answer.status !== 202)).toEqual([]);
    for (const answer of [...during, ...lateInOutage]) {
      const [sms] = receiver.messagesTo(answer.phone);
      expect(sms.content).toBe(`【示例商城】您的操作验证码是${answer.code}`);
    }
    // A code sent during the outage verifies (Redis only).
    await service
      .http()
      .post('/v1/sms/codes/verify')
      .send({ phone: during[0].phone, code: during[0].code })
      .expect(200);
    // What needs PostgreSQL said so, in the error model.
    for (const response of needsPostgres) {
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 503,
        code: 'ServiceUnavailable',
      });
    }
    // Every record written once PostgreSQL was back, one per code, none lost, all final.
    const expected = sent.length + 1; // and the sign-up's code
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((row) => row.phone)).size).toBe(expected);
    expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
    expect(rows.every((row) => FINAL_STATUSES.includes(row.status))).toBe(true);
    expect(new Set(rows.map((row) => row.id))).toEqual(
      new Set(receiver.received.map((sms) => sms.id)),
    );
    expect(await backlog.failed()).toBe(0);
    // And the admin sees them again.
    const listed = await admin.get('/v1/admin/sms/messages').query({ pageSize: 1 }).expect(200);
    expect(listed.body.total).toBe(expected);
  }, 120_000);
});

function countStatuses(answers: readonly CodeAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  return counts;
}
