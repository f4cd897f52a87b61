import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';

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
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      TRUST_PROXY: 'true',
      THROTTLE_LIMIT: '3',
      THROTTLE_TTL_SECONDS: '60',
    });
  });

  afterAll(() => app.close());

  const verify = (ip: string) =>
    app
      .http()
      .post('/v1/sms/codes/verify')
      .set('X-Forwarded-For', ip)
      .send({ phone: uniqueCnPhone(), code: '123456' });

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
});
