import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { adminApi, notifyAndSettle } from './catalog-api';
import { ProviderFixture } from './provider-fixture';

/**
 * Sends whose provider's answer was lost (a timeout, a socket closed after the request was
 * read): a code may go on to the next provider, a notification may not; either counts against
 * the limits like a sent message, and its record says `unknown`.
 */
describe('Unknown outcomes: a slow or vanishing webhook before Aliyun', () => {
  const f = new ProviderFixture();
  const receiver = new WebhookReceiver();
  let webhookFirst: TestApp;
  let strictLimits: TestApp;
  const SLOWER_THAN_TIMEOUT = { delayMs: 1500 };

  beforeAll(async () => {
    await Promise.all([f.start(), receiver.start()]);
    const webhook = { SMS_WEBHOOK_URL: receiver.url, SMS_WEBHOOK_SECRET: receiver.secret };
    webhookFirst = await startTestApp(f.settings({ ...webhook, SMS_PROVIDER: 'webhook,aliyun' }));
    strictLimits = await startTestApp(
      f.settings({
        ...webhook,
        SMS_PROVIDER: 'webhook',
        SMS_PHONE_DAILY_LIMIT: '1',
        SMS_RESEND_INTERVAL_SECONDS: '0',
      }),
    );
  });
  afterEach(() => {
    receiver.setMode('ok');
    f.resetModes();
  });
  afterAll(async () => {
    await Promise.all([webhookFirst.close(), strictLimits.close()]);
    await receiver.stop();
    await f.close();
  });

  /** Read through the app that sent: it waits for its own records to be written. */
  async function recordOf(app: TestApp, phone: string) {
    const page = await adminApi(app).get('/v1/admin/sms/messages', { phone }).expect(200);
    return page.body.items[0];
  }

  /** Queues a notification and answers its record once a worker settled it. */
  const notify = (app: TestApp, phone: string) =>
    notifyAndSettle(adminApi(app), { phone, template: 'shipped', variables: { order: 'A1001' } });

  it('sends a code on to Aliyun after the webhook timed out: the user may get it twice', async () => {
    receiver.setMode(SLOWER_THAN_TIMEOUT);
    const phone = uniqueCnPhone();

    await f.sendCode(phone, {}, webhookFirst).expect(202);

    const [viaAliyun] = f.aliyunSentTo(phone);
    expect(viaAliyun.templateParam.code).toMatch(/^\d+$/);
    // The webhook did get the request; its answer came too late.
    expect(receiver.messagesTo(phone).map((sms) => sms.variables.code)).toEqual([
      viaAliyun.templateParam.code,
    ]);
    const record = await recordOf(webhookFirst, phone);
    expect(record).toMatchObject({ status: 'sent', provider: 'aliyun' });
    expect(record.attempts).toEqual([
      expect.objectContaining({ provider: 'webhook', status: 'unknown', errorCode: 'Timeout' }),
      expect.objectContaining({ provider: 'aliyun', status: 'sent' }),
    ]);
  });

  it('does not send a notification on after a timeout, and records it unknown', async () => {
    receiver.setMode(SLOWER_THAN_TIMEOUT);
    const phone = uniqueCnPhone();

    const record = await notify(webhookFirst, phone);

    expect(record).toMatchObject({ status: 'unknown', errorCode: 'Timeout' });
    expect(receiver.messagesTo(phone)).toHaveLength(1);
    expect(f.aliyunSentTo(phone)).toHaveLength(0);
    const admin = adminApi(webhookFirst);
    const page = await admin.get('/v1/admin/sms/messages', { phone, status: 'unknown' });
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({
        status: 'unknown',
        provider: 'webhook',
        kind: 'notification',
        errorCode: 'Timeout',
        attempts: [expect.objectContaining({ provider: 'webhook', status: 'unknown' })],
      }),
    ]);
    const stats = await admin.get('/v1/admin/sms/stats', { groupBy: 'status' }).expect(200);
    expect(stats.body.totals.unknown).toBeGreaterThanOrEqual(1);
  });

  it('counts a timed-out code against the daily limit (limit 1: the next is refused)', async () => {
    receiver.setMode(SLOWER_THAN_TIMEOUT);
    const phone = uniqueCnPhone();

    expect((await f.sendCode(phone, {}, strictLimits).expect(502)).body.code).toBe('SendFailed');
    receiver.setMode('ok');
    const next = await f.sendCode(phone, {}, strictLimits).expect(429);

    expect(next.body.code).toBe('DailyLimitExceeded');
    expect(receiver.messagesTo(phone)).toHaveLength(1);
    expect((await recordOf(strictLimits, phone)).status).toBe('unknown');
    // The slow webhook did deliver it: the code in that message works.
    await strictLimits
      .http()
      .post('/v1/sms/codes/verify')
      .send({ phone, purpose: 'login', code: receiver.lastCodeFor(phone) })
      .expect(200);
  });

  it('posts a message once when the receiver closes a kept-alive socket after reading it', async () => {
    // A first message leaves a kept-alive connection for the next one to reuse.
    expect((await notify(strictLimits, uniqueCnPhone())).status).toBe('sent');
    receiver.setMode('close-after-read');
    const phone = uniqueCnPhone();

    expect((await notify(strictLimits, phone)).status).toBe('unknown');

    // Give a second post (the old retry on a reused socket) time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.messagesTo(phone)).toHaveLength(1);
    const record = await recordOf(strictLimits, phone);
    expect(record).toMatchObject({ status: 'unknown', provider: 'webhook' });
    expect(record.attempts).toEqual([
      expect.objectContaining({ provider: 'webhook', status: 'unknown', errorCode: 'ECONNRESET' }),
    ]);
  });

  it('fails a notification over when the webhook refuses the connection (nothing sent)', async () => {
    const phone = uniqueCnPhone();
    const closed = new WebhookReceiver();
    await closed.start();
    const url = closed.url;
    await closed.stop();
    const refusing = await startTestApp(
      f.settings({
        SMS_PROVIDER: 'webhook,aliyun',
        SMS_WEBHOOK_URL: url,
        SMS_WEBHOOK_SECRET: receiver.secret,
      }),
    );
    try {
      expect((await notify(refusing, phone)).status).toBe('sent');
      expect(f.aliyunSentTo(phone)).toHaveLength(1);
      expect((await recordOf(refusing, phone)).attempts).toEqual([
        expect.objectContaining({
          provider: 'webhook',
          status: 'failed',
          errorCode: 'ECONNREFUSED',
        }),
        expect.objectContaining({ provider: 'aliyun', status: 'sent' }),
      ]);
    } finally {
      await refusing.close();
    }
  });
});
