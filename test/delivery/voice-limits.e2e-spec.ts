import { randomInt } from 'node:crypto';
import { fakeClock } from '../support/clock';
import { FreezeOnCommandProxy } from '../support/freeze-on-command-proxy';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { startRedis, ThrowawayService } from '../support/throwaway-services';
import { WebhookReceiver } from '../support/webhook-receiver';

/** Distinct client addresses, as a proxy reports them with TRUST_PROXY. */
let ipSequence = 0;
const uniqueIp = (): string => `10.77.${(ipSequence >> 8) & 255}.${ipSequence++ & 255}`;

/** A US number no other test uses. */
const uniqueUsPhone = (): string => `+1650253${String(randomInt(10_000)).padStart(4, '0')}`;

const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;

describe('Voice code limits', () => {
  const receiver = new WebhookReceiver();
  const started: TestApp[] = [];

  beforeAll(() => receiver.start());
  afterAll(async () => {
    await Promise.all(started.map((app) => app.close()));
    await receiver.stop();
  });
  afterEach(() => jest.useRealTimers());

  async function service(overrides: Record<string, string> = {}): Promise<TestApp> {
    const app = await startTestApp({
      // International numbers below: SMS_ALLOWED_REGIONS defaults to SMS_DEFAULT_REGION only.
      SMS_ALLOWED_REGIONS: '*',
      ...receiver.settings,
      VOICE_PROVIDER: 'webhook',
      TRUST_PROXY: 'true',
      ...overrides,
    });
    started.push(app);
    return app;
  }

  const call = (app: TestApp, phone: string, ip = uniqueIp()) =>
    app.http().post('/v1/sms/codes').set('X-Forwarded-For', ip).send({ phone, channel: 'voice' });
  const sms = (app: TestApp, phone: string, ip = uniqueIp()) =>
    app.http().post('/v1/sms/codes').set('X-Forwarded-For', ip).send({ phone });
  const verify = (app: TestApp, phone: string, code: string) =>
    app.http().post('/v1/sms/codes/verify').send({ phone, code });
  const callsTo = (phone: string) =>
    receiver.messagesTo(phone).filter((message) => message.channel === 'voice');

  it('refuses a second call within SMS_VOICE_RESEND_INTERVAL_SECONDS (30 s by default)', async () => {
    const app = await service();
    const phone = uniqueCnPhone();

    const first = await call(app, phone).expect(202);
    expect(first.body.retryAfter).toBe(30);

    const again = await call(app, phone).expect(429);
    expect(again.body.code).toBe('TooFrequent');
    expect(again.body.retryAfter).toBeGreaterThan(25);
    expect(again.body.retryAfter).toBeLessThanOrEqual(30);
    expect(again.headers['retry-after']).toBe(String(again.body.retryAfter));
    expect(callsTo(phone)).toHaveLength(1);
  });

  it('places exactly one call for 20 parallel voice requests for one phone', async () => {
    const app = await service();
    const phone = uniqueCnPhone();

    const responses = await Promise.all(Array.from({ length: 20 }, () => call(app, phone)));

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([202, ...Array<number>(19).fill(429)]);
    expect(responses.filter((r) => r.status === 429).map((r) => r.body.code)).toEqual(
      Array<string>(19).fill('TooFrequent'),
    );
    expect(callsTo(phone)).toHaveLength(1);
  });

  it('stops a phone at SMS_VOICE_PHONE_HOURLY_LIMIT calls in a rolling hour, then lets it call again', async () => {
    const app = await service({
      SMS_VOICE_RESEND_INTERVAL_SECONDS: '0',
      SMS_VOICE_PHONE_HOURLY_LIMIT: '2',
    });
    const phone = uniqueCnPhone();
    fakeClock();
    const start = Date.now();
    await call(app, phone).expect(202);
    jest.setSystemTime(start + 10 * 60_000);
    await call(app, phone).expect(202);

    const refused = await call(app, phone).expect(429);
    expect(refused.body.code).toBe('HourlyLimitExceeded');
    // The first call leaves the hour 60 minutes after it was placed: 50 minutes from now.
    expect(refused.body.retryAfter).toBeGreaterThan(50 * 60 - 5);
    expect(refused.body.retryAfter).toBeLessThanOrEqual(50 * 60 + 1);
    expect(refused.headers['retry-after']).toBe(String(refused.body.retryAfter));
    expect(callsTo(phone)).toHaveLength(2);

    jest.setSystemTime(start + HOUR_S * 1000 + 1000);
    await call(app, phone).expect(202);
    expect(callsTo(phone)).toHaveLength(3);
  });

  it('holds the hourly limit under parallel requests: exactly the limit is placed', async () => {
    const app = await service({
      SMS_VOICE_RESEND_INTERVAL_SECONDS: '0',
      SMS_VOICE_PHONE_HOURLY_LIMIT: '3',
    });
    const phone = uniqueCnPhone();

    const responses = await Promise.all(Array.from({ length: 12 }, () => call(app, phone)));

    expect(responses.filter((r) => r.status === 202)).toHaveLength(3);
    expect(new Set(responses.filter((r) => r.status !== 202).map((r) => r.body.code))).toEqual(
      new Set(['HourlyLimitExceeded']),
    );
    expect(callsTo(phone)).toHaveLength(3);
  });

  it('stops a phone at SMS_VOICE_PHONE_DAILY_LIMIT calls in a rolling 24 hours', async () => {
    const app = await service({
      SMS_VOICE_RESEND_INTERVAL_SECONDS: '0',
      SMS_VOICE_PHONE_HOURLY_LIMIT: '10',
      SMS_VOICE_PHONE_DAILY_LIMIT: '2',
      // The SMS lock lives in Redis' own time, which the faked clock does not move.
      SMS_RESEND_INTERVAL_SECONDS: '0',
    });
    const phone = uniqueCnPhone();
    fakeClock();
    const start = Date.now();
    await call(app, phone).expect(202);
    jest.setSystemTime(start + 5 * HOUR_S * 1000);
    await call(app, phone).expect(202);

    const refused = await call(app, phone).expect(429);
    expect(refused.body.code).toBe('DailyLimitExceeded');
    // 24 hours after the first call: 19 hours from now, whatever the UTC day.
    expect(refused.body.retryAfter).toBeGreaterThan(19 * HOUR_S - 5);
    expect(refused.body.retryAfter).toBeLessThanOrEqual(19 * HOUR_S + 1);
    // The SMS limits are apart: the phone still gets an SMS.
    await sms(app, phone).expect(202);

    jest.setSystemTime(start + DAY_S * 1000 + 1000);
    await call(app, phone).expect(202);
    expect(callsTo(phone)).toHaveLength(3);
  });

  it('holds the 24-hour limit under parallel requests: exactly the limit is placed', async () => {
    const app = await service({
      SMS_VOICE_RESEND_INTERVAL_SECONDS: '0',
      SMS_VOICE_PHONE_HOURLY_LIMIT: '10',
      SMS_VOICE_PHONE_DAILY_LIMIT: '3',
    });
    const phone = uniqueCnPhone();

    const responses = await Promise.all(Array.from({ length: 12 }, () => call(app, phone)));

    expect(responses.filter((r) => r.status === 202)).toHaveLength(3);
    expect(new Set(responses.filter((r) => r.status !== 202).map((r) => r.body.code))).toEqual(
      new Set(['DailyLimitExceeded']),
    );
    expect(callsTo(phone)).toHaveLength(3);
  });

  it('has defaults of 3 calls an hour and 5 in 24 hours', async () => {
    const app = await service({ SMS_VOICE_RESEND_INTERVAL_SECONDS: '0' });
    const phone = uniqueCnPhone();
    fakeClock();
    const start = Date.now();
    for (let i = 0; i < 3; i++) await call(app, phone).expect(202);
    expect((await call(app, phone).expect(429)).body.code).toBe('HourlyLimitExceeded');

    jest.setSystemTime(start + 2 * HOUR_S * 1000);
    for (let i = 0; i < 2; i++) await call(app, phone).expect(202);
    expect((await call(app, phone).expect(429)).body.code).toBe('DailyLimitExceeded');
    expect(callsTo(phone)).toHaveLength(5);
  });

  it('stops the whole service at SMS_VOICE_DAILY_LIMIT calls, SMS going on', async () => {
    const app = await service({ SMS_VOICE_DAILY_LIMIT: '2' });
    await call(app, uniqueCnPhone()).expect(202);
    await call(app, uniqueCnPhone()).expect(202);

    const phone = uniqueCnPhone();
    const refused = await call(app, phone).expect(429);
    expect(refused.body.code).toBe('ServiceLimitExceeded');
    expect(refused.body.retryAfter).toBeGreaterThan(0);
    expect(refused.body.retryAfter).toBeLessThanOrEqual(DAY_S);
    expect(callsTo(phone)).toHaveLength(0);
    await sms(app, phone).expect(202);
  });

  it('holds the service fuse under parallel calls to many phones: exactly the limit is placed', async () => {
    const app = await service({ SMS_VOICE_DAILY_LIMIT: '3' });
    const phones = Array.from({ length: 12 }, () => uniqueCnPhone());

    const responses = await Promise.all(phones.map((phone) => call(app, phone)));

    expect(responses.filter((r) => r.status === 202)).toHaveLength(3);
    expect(new Set(responses.filter((r) => r.status !== 202).map((r) => r.body.code))).toEqual(
      new Set(['ServiceLimitExceeded']),
    );
    expect(phones.flatMap((phone) => callsTo(phone))).toHaveLength(3);
  });

  it('counts calls and SMS together in SMS_IP_DAILY_LIMIT', async () => {
    const app = await service({ SMS_IP_DAILY_LIMIT: '3' });
    const ip = uniqueIp();
    await call(app, uniqueCnPhone(), ip).expect(202);
    await sms(app, uniqueCnPhone(), ip).expect(202);
    await call(app, uniqueCnPhone(), ip).expect(202);

    expect((await call(app, uniqueCnPhone(), ip).expect(429)).body.code).toBe('IpLimitExceeded');
    expect((await sms(app, uniqueCnPhone(), ip).expect(429)).body.code).toBe('IpLimitExceeded');
    await call(app, uniqueCnPhone(), uniqueIp()).expect(202);
  });

  it('holds the per-IP limit under parallel calls and SMS from one address', async () => {
    const app = await service({ SMS_IP_DAILY_LIMIT: '4' });
    const ip = uniqueIp();

    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0 ? call(app, uniqueCnPhone(), ip) : sms(app, uniqueCnPhone(), ip),
      ),
    );

    expect(responses.filter((r) => r.status === 202)).toHaveLength(4);
    expect(new Set(responses.filter((r) => r.status !== 202).map((r) => r.body.code))).toEqual(
      new Set(['IpLimitExceeded']),
    );
  });

  it('lets a phone ask for a call instead of its live SMS code once: the call replaces the SMS code', async () => {
    const app = await service();
    const phone = uniqueCnPhone();
    await sms(app, phone).expect(202);
    const smsCode = receiver.lastCodeFor(phone);

    // Within the SMS resend interval, yet not TooFrequent: the call replaces the SMS code.
    const instead = await call(app, phone).expect(202);
    expect(instead.body.retryAfter).toBe(30);
    const [placed] = callsTo(phone);
    expect(placed).toMatchObject({ purpose: 'operation' });
    const voiceCode = placed.variables.code;

    // Once: the live code is now the call's, so a second call is too frequent, as is an SMS.
    expect((await call(app, phone).expect(429)).body.code).toBe('TooFrequent');
    expect((await sms(app, phone).expect(429)).body.code).toBe('TooFrequent');
    expect(callsTo(phone)).toHaveLength(1);

    if (smsCode !== voiceCode) {
      expect((await verify(app, phone, smsCode).expect(400)).body.code).toBe('CodeIsError');
    }
    await verify(app, phone, voiceCode).expect(200, { verified: true });
  });

  it('places one call for parallel "call me instead" requests', async () => {
    const app = await service();
    const phone = uniqueCnPhone();
    await sms(app, phone).expect(202);

    const responses = await Promise.all(Array.from({ length: 10 }, () => call(app, phone)));

    expect(responses.map((r) => r.status).sort()).toEqual([202, ...Array<number>(9).fill(429)]);
    expect(callsTo(phone)).toHaveLength(1);
  });

  it('holds a call back within the SMS resend interval when the live code is of another purpose', async () => {
    const app = await service();
    const phone = uniqueCnPhone();
    await app.http().post('/v1/sms/codes').send({ phone, purpose: 'signup' }).expect(202);

    const refused = await call(app, phone).expect(429);

    expect(refused.body.code).toBe('TooFrequent');
    expect(refused.body.retryAfter).toBeGreaterThan(55);
    expect(callsTo(phone)).toHaveLength(0);
  });

  it('answers 400 ChannelNotAvailable before any limit for a region no voice provider calls', async () => {
    // Calls for mainland phones only; the address may send one code today.
    const app = await service({
      VOICE_PROVIDER: '',
      VOICE_ROUTES: 'CN=webhook',
      SMS_IP_DAILY_LIMIT: '1',
      SMS_VOICE_DAILY_LIMIT: '1',
    });
    const phone = uniqueUsPhone();
    const ip = uniqueIp();

    const refused = await call(app, phone, ip).expect(400);

    expect(refused.body.code).toBe('ChannelNotAvailable');
    expect(callsTo(phone)).toHaveLength(0);
    // Nothing was spent: not the phone's interval, not the address's only send of the day,
    // not the service's only call.
    await sms(app, phone, ip).expect(202);
    expect(receiver.messagesTo(phone)).toEqual([expect.objectContaining({ channel: 'sms' })]);
    await call(app, uniqueCnPhone()).expect(202);
  });
});

/** As test/hung-redis.e2e-spec.ts does for an SMS: Redis stopped while it runs the reserve. */
describe('A voice reservation that timed out on a frozen Redis', () => {
  let redis: ThrowawayService;
  let proxy: FreezeOnCommandProxy;
  const receiver = new WebhookReceiver();
  let service: TestApp;

  beforeAll(async () => {
    redis = await startRedis();
    proxy = await FreezeOnCommandProxy.forUrl(redis.url).start();
    await receiver.start();
    service = await startTestApp({
      // International numbers below: SMS_ALLOWED_REGIONS defaults to SMS_DEFAULT_REGION only.
      SMS_ALLOWED_REGIONS: '*',
      REDIS_URL: proxy.url,
      REDIS_COMMAND_TIMEOUT_MS: '1000',
      ...receiver.settings,
      VOICE_PROVIDER: 'webhook',
      // A call left counted would be refused by the hour's only call.
      SMS_VOICE_PHONE_HOURLY_LIMIT: '1',
    });
  });

  afterAll(async () => {
    redis?.thaw();
    await service?.close();
    await proxy?.stop();
    await redis?.stop();
    await receiver.stop();
  });

  it('places no call later, and undoes the reservation', async () => {
    const phone = uniqueCnPhone();
    // Redis knows the voice script already, so the late EVALSHA runs rather than failing.
    await service
      .http()
      .post('/v1/sms/codes')
      .send({ phone: uniqueCnPhone(), channel: 'voice' })
      .expect(202);
    proxy.onceSent(`sms:voice:resend:${phone}`, () => redis.freeze());

    const send = await service.http().post('/v1/sms/codes').send({ phone, channel: 'voice' });
    expect(send.status).toBe(503);
    expect(send.body.code).toBe('ServiceUnavailable');

    redis.thaw();
    const deadline = Date.now() + 15_000;
    while ((await service.http().get('/health/ready')).status !== 200) {
      if (Date.now() > deadline) throw new Error('Not ready again 15 s after SIGCONT');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.messagesTo(phone)).toEqual([]);

    // Undone: no voice resend lock, no call counted in the hour, no code left.
    await service.http().post('/v1/sms/codes').send({ phone, channel: 'voice' }).expect(202);
    expect(receiver.messagesTo(phone)).toHaveLength(1);
  });
});
