import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/** Distinct client addresses, as a proxy reports them with TRUST_PROXY. */
let ipSequence = 0;
const uniqueIp = (): string =>
  `10.${(ipSequence >> 16) & 255}.${(ipSequence >> 8) & 255}.${ipSequence++ & 255}`;

describe('Sending limits', () => {
  const receiver = new WebhookReceiver();
  const started: TestApp[] = [];

  beforeAll(() => receiver.start());
  afterAll(async () => {
    await Promise.all(started.map((app) => app.close()));
    await receiver.stop();
  });

  async function service(overrides: Record<string, string>): Promise<TestApp> {
    const app = await startTestApp({ ...receiver.settings, TRUST_PROXY: 'true', ...overrides });
    started.push(app);
    return app;
  }

  const send = (app: TestApp, phone: string, ip = uniqueIp()) =>
    app.http().post('/v1/sms/codes').set('X-Forwarded-For', ip).send({ phone });

  it('refuses another code for the same phone within the resend interval, whatever the purpose', async () => {
    const app = await service({ SMS_RESEND_INTERVAL_SECONDS: '60' });
    const phone = uniqueCnPhone();
    await send(app, phone).expect(202);

    const again = await send(app, phone).expect(429);
    expect(again.body).toMatchObject({ statusCode: 429, code: 'TooFrequent' });
    expect(again.body.retryAfter).toBeGreaterThan(55);
    expect(again.body.retryAfter).toBeLessThanOrEqual(60);
    expect(again.headers['retry-after']).toBe(String(again.body.retryAfter));

    // signup: the account purpose a phone with no account may ask for (UserModule's rules).
    const otherPurpose = await app
      .http()
      .post('/v1/sms/codes')
      .send({ phone, purpose: 'signup' })
      .expect(429);
    expect(otherPurpose.body.code).toBe('TooFrequent');
    expect(receiver.messagesTo(phone)).toHaveLength(1);
  });

  it('stops a phone at SMS_PHONE_DAILY_LIMIT until the next day', async () => {
    const app = await service({ SMS_RESEND_INTERVAL_SECONDS: '0', SMS_PHONE_DAILY_LIMIT: '3' });
    const phone = uniqueCnPhone();
    for (let i = 0; i < 3; i++) await send(app, phone).expect(202);

    const refused = await send(app, phone).expect(429);
    expect(refused.body.code).toBe('DailyLimitExceeded');
    expect(refused.body.retryAfter).toBeGreaterThan(0);
    expect(refused.body.retryAfter).toBeLessThanOrEqual(24 * 3600);
    expect(refused.headers['retry-after']).toBe(String(refused.body.retryAfter));
    expect(receiver.messagesTo(phone)).toHaveLength(3);
  });

  it('stops a client address at SMS_IP_DAILY_LIMIT, across phones', async () => {
    const app = await service({ SMS_IP_DAILY_LIMIT: '2' });
    const ip = uniqueIp();
    await send(app, uniqueCnPhone(), ip).expect(202);
    await send(app, uniqueCnPhone(), ip).expect(202);

    const refused = await send(app, uniqueCnPhone(), ip).expect(429);
    expect(refused.body.code).toBe('IpLimitExceeded');
    expect(refused.body.retryAfter).toBeGreaterThan(0);
    await send(app, uniqueCnPhone(), uniqueIp()).expect(202);
  });

  it('stops the whole service at SMS_DAILY_LIMIT', async () => {
    const app = await service({ SMS_DAILY_LIMIT: '2' });
    await send(app, uniqueCnPhone()).expect(202);
    await send(app, uniqueCnPhone()).expect(202);

    const refused = await send(app, uniqueCnPhone()).expect(429);
    expect(refused.body.code).toBe('ServiceLimitExceeded');
    expect(refused.body.retryAfter).toBeGreaterThan(0);
  });

  it('limits the request rate per client address on every route with TooManyRequests', async () => {
    const app = await service({ THROTTLE_LIMIT: '3', THROTTLE_TTL_SECONDS: '60' });
    const ip = uniqueIp();
    const verify = () =>
      app
        .http()
        .post('/v1/sms/codes/verify')
        .set('X-Forwarded-For', ip)
        .send({ phone: uniqueCnPhone(), code: '123456' });
    await verify().expect(400);
    await send(app, uniqueCnPhone(), ip).expect(202);
    await verify().expect(400);

    const limited = await verify().expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'TooManyRequests' });
    expect(limited.body.retryAfter).toBeGreaterThan(0);
    expect(limited.headers['retry-after']).toBe(String(limited.body.retryAfter));
    const sendLimited = await send(app, uniqueCnPhone(), ip).expect(429);
    expect(sendLimited.body.code).toBe('TooManyRequests');

    // Another client is not affected.
    await verify().set('X-Forwarded-For', uniqueIp()).expect(400);
  });

  it('does not count refused requests against the daily limit', async () => {
    const app = await service({ SMS_RESEND_INTERVAL_SECONDS: '1', SMS_PHONE_DAILY_LIMIT: '2' });
    const phone = uniqueCnPhone();
    await send(app, phone).expect(202);
    for (let i = 0; i < 5; i++)
      expect((await send(app, phone).expect(429)).body.code).toBe('TooFrequent');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await send(app, phone).expect(202);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await send(app, phone).expect(429)).body.code).toBe('DailyLimitExceeded');
  });

  it('holds the resend interval across two app instances sharing one Redis', async () => {
    const first = await service({ SMS_RESEND_INTERVAL_SECONDS: '60' });
    const second = await service({
      SMS_RESEND_INTERVAL_SECONDS: '60',
      REDIS_KEY_PREFIX: first.settings.REDIS_KEY_PREFIX,
    });
    const phone = uniqueCnPhone();
    await send(first, phone).expect(202);
    const refused = await send(second, phone).expect(429);
    expect(refused.body.code).toBe('TooFrequent');

    // A code sent by one instance verifies on the other.
    const code = receiver.lastCodeFor(phone);
    await second.http().post('/v1/sms/codes/verify').send({ phone, code }).expect(200);
    await first.http().post('/v1/sms/codes/verify').send({ phone, code }).expect(400);
  });

  it('takes the client address from X-Forwarded-For only with TRUST_PROXY', async () => {
    const app = await service({ TRUST_PROXY: 'false', SMS_IP_DAILY_LIMIT: '1' });
    await send(app, uniqueCnPhone(), uniqueIp()).expect(202);
    // A spoofed header does not give a fresh budget: the socket address is used.
    const refused = await send(app, uniqueCnPhone(), uniqueIp()).expect(429);
    expect(refused.body.code).toBe('IpLimitExceeded');
  });
});
