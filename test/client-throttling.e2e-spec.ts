import { leanCloudSettings, signedHeaders } from './support/leancloud';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/** Distinct client addresses, as a proxy reports them with TRUST_PROXY. */
let ipSequence = 0;
const uniqueIp = (): string =>
  `10.${(ipSequence >> 16) & 255}.${(ipSequence >> 8) & 255}.${ipSequence++ & 255}`;
/** A fresh IPv6 /64 for each call, whose hosts are told apart by `host`. */
let subnetSequence = 0;
const uniqueIpv6Subnet = (): ((host: number) => string) => {
  const subnet = (subnetSequence++).toString(16);
  return (host) => `2001:db8:7:${subnet}::${host.toString(16)}`;
};

/** The per-IP rate on every route (THROTTLE_LIMIT per THROTTLE_TTL_SECONDS), as clients see it. */
describe('Per-IP request rate', () => {
  const receiver = new WebhookReceiver();
  let app: TestApp;

  beforeAll(async () => {
    await receiver.start();
    app = await startTestApp({
      ...receiver.settings,
      ...leanCloudSettings,
      TRUST_PROXY: 'true',
      THROTTLE_LIMIT: '3',
      THROTTLE_TTL_SECONDS: '60',
    });
  });

  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });

  const verify = (ip: string, body: object = { phone: uniqueCnPhone(), code: '123456' }) =>
    app.http().post('/v1/sms/codes/verify').set('X-Forwarded-For', ip).send(body);

  it("tells the client its budget on each counted request, and when it comes back once it's spent", async () => {
    const ip = uniqueIp();
    const remaining: string[] = [];
    for (let request = 0; request < 3; request++) {
      const response = await verify(ip).expect(400);
      expect(response.headers['x-ratelimit-limit']).toBe('3');
      const reset = Number(response.headers['x-ratelimit-reset']);
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
      remaining.push(response.headers['x-ratelimit-remaining']);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const limited = await verify(ip).expect(429);
    expect(limited.body.code).toBe('TooManyRequests');
    expect(limited.headers['retry-after']).toBe(String(limited.body.retryAfter));
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['x-ratelimit-remaining']).toBeUndefined();
  });

  it('neither counts nor limits the unthrottled routes', async () => {
    const ip = uniqueIp();
    for (let probe = 0; probe < 5; probe++) {
      const live = await app.http().get('/health/live').set('X-Forwarded-For', ip).expect(200);
      expect(live.headers['x-ratelimit-remaining']).toBeUndefined();
    }
    const counted = await verify(ip).expect(400);
    expect(counted.headers['x-ratelimit-remaining']).toBe('2');
  });

  it('counts the addresses of one IPv6 /64 as one client', async () => {
    const host = uniqueIpv6Subnet();
    await verify(host(1)).expect(400);
    await verify(host(2)).expect(400);
    await verify(host(0xffff)).expect(400);
    expect((await verify(host(3)).expect(429)).body.code).toBe('TooManyRequests');

    await verify(uniqueIpv6Subnet()(1)).expect(400);
  });

  // The verify routes count the client's hit inside their verify script (one round trip):
  // whatever ends the request first still spends the budget, exactly once.
  describe('on the verify routes, which count the hit in their own script', () => {
    it('counts a request refused before the verify ran, and refuses it past the budget', async () => {
      const ip = uniqueIp();
      const remaining: string[] = [];
      for (let request = 0; request < 3; request++) {
        const response = await verify(ip, { code: '123456' }).expect(400);
        expect(response.body.code).toBe('InValidParam');
        remaining.push(response.headers['x-ratelimit-remaining']);
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const limited = await verify(ip, { code: '123456' }).expect(429);
      expect(limited.body.code).toBe('TooManyRequests');
      expect(limited.headers['retry-after']).toBe(String(limited.body.retryAfter));
    });

    it('shares one budget with the routes the guard counts itself', async () => {
      const ip = uniqueIp();
      await app.http().get('/v1/users/me').set('X-Forwarded-For', ip).expect(401);
      expect((await verify(ip).expect(400)).headers['x-ratelimit-remaining']).toBe('1');
      await app.http().get('/v1/users/me').set('X-Forwarded-For', ip).expect(401);
      expect((await verify(ip).expect(429)).body.code).toBe('TooManyRequests');
      await app.http().get('/v1/users/me').set('X-Forwarded-For', ip).expect(429);
    });

    it('past the budget looks at no code: the right one is refused, spends no try and still verifies', async () => {
      const phone = uniqueCnPhone();
      await app.http().post('/v1/sms/codes').set('X-Forwarded-For', uniqueIp()).send({ phone });
      const code = receiver.lastCodeFor(phone);
      const ip = uniqueIp();
      for (let request = 0; request < 3; request++) await verify(ip).expect(400);
      for (let request = 0; request < 10; request++) {
        const guess = request % 2 === 0 ? code : '000000';
        const refused = await verify(ip, { phone, code: guess }).expect(429);
        expect(refused.body.code).toBe('TooManyRequests');
      }
      await verify(uniqueIp(), { phone, code }).expect(200, { verified: true });
    });

    it("counts LeanCloud's verifySmsCode the same way, refused in LeanCloud's format", async () => {
      const ip = uniqueIp();
      const leanCloudVerify = (body: object) =>
        app
          .http()
          .post('/1.1/verifySmsCode/123456')
          .set(signedHeaders())
          .set('X-Forwarded-For', ip)
          .send(body);
      // Refused before the verify (no phone), then a wrong code: both counted.
      await leanCloudVerify({}).expect(400);
      const wrong = await leanCloudVerify({ mobilePhoneNumber: uniqueCnPhone() }).expect(400);
      expect(wrong.headers['x-ratelimit-remaining']).toBe('1');
      await verify(ip).expect(400);
      const limited = await leanCloudVerify({ mobilePhoneNumber: uniqueCnPhone() }).expect(429);
      expect(limited.body).toEqual({ code: 429, error: expect.any(String) });
      expect(limited.headers['retry-after']).toBeDefined();
    });
  });
});
