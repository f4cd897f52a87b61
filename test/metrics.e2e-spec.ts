import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import request from 'supertest';
import { MetricsPortServer } from '@app/metrics';
import { bearer } from './support/accounts';
import { CaptchaAnswers, solveCaptcha } from './support/captcha-answers';
import { uniqueCnPhone } from './support/phones';
import { parsePrometheusText, Sample, valueOf } from './support/prometheus-text';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';
import { validateServiceEnvironment } from '../apps/api/src/service-environment';
import { createWorker } from '../apps/worker/src/create-worker';
import { WebhookReceiver } from './support/webhook-receiver';

const TOKEN = 'metrics-e2e-token-0123456789abcdef';

/** A port free on loopback now, for METRICS_PORT. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Metrics', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let metricsPort: number;

  beforeAll(async () => {
    await receiver.start();
    metricsPort = await freePort();
    service = await startTestApp({
      ...receiver.settings,
      METRICS_TOKEN: TOKEN,
      METRICS_PORT: String(metricsPort),
      VOICE_PROVIDER: 'webhook',
    });
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  const scrape = async (): Promise<Sample[]> => {
    const response = await service
      .http()
      .get('/metrics')
      .set('Authorization', bearer(TOKEN))
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(response.text);
  };
  const requestCode = (body: object) => service.http().post('/v1/sms/codes').send(body);

  describe('access', () => {
    it('answers 401 Unauthorized without the token or with a wrong one', async () => {
      const none = await service.http().get('/metrics').expect(401);
      expect(none.body).toMatchObject({ statusCode: 401, code: 'Unauthorized' });
      const wrong = await service
        .http()
        .get('/metrics')
        .set('Authorization', bearer(`${TOKEN}x`))
        .expect(401);
      expect(wrong.body.code).toBe('Unauthorized');
      expect(wrong.text).not.toContain('http_requests_total');
    });

    it("serves the metrics with the token: the service's and the process'", async () => {
      const samples = await scrape();
      expect(samples.some((sample) => sample.name === 'process_cpu_user_seconds_total')).toBe(true);
      expect(samples.some((sample) => sample.name === 'nodejs_heap_size_used_bytes')).toBe(true);
    });

    it('serves the same metrics on METRICS_PORT without a token, and nothing else there', async () => {
      expect(service.app.get(MetricsPortServer).address?.address).toBe('127.0.0.1');
      const port = request(`http://127.0.0.1:${metricsPort}`);
      const response = await port.get('/metrics').expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(
        valueOf(parsePrometheusText(response.text), 'smsauth_dependency_up', {
          dependency: 'redis',
        }),
      ).toBe(1);
      const other = await port.get('/v1/sms/codes').expect(404);
      expect(JSON.parse(other.text)).toMatchObject({ statusCode: 404, code: 'NotFound' });
    });
  });

  describe('codes', () => {
    it('counts a code requested, sent by its provider and verified', async () => {
      const before = await scrape();
      const phone = uniqueCnPhone();
      await requestCode({ phone }).expect(202);
      await service
        .http()
        .post('/v1/sms/codes/verify')
        .send({ phone, code: receiver.lastCodeFor(phone) })
        .expect(200);
      const after = await scrape();

      const delta = (name: string, labels: Record<string, string>) =>
        valueOf(after, name, labels) - valueOf(before, name, labels);
      expect(delta('smsauth_codes_requested_total', { channel: 'sms' })).toBe(1);
      expect(delta('smsauth_codes_sent_total', { channel: 'sms' })).toBe(1);
      expect(delta('smsauth_codes_verified_total', { channel: 'sms' })).toBe(1);
      expect(delta('smsauth_messages_total', { provider: 'webhook', status: 'sent' })).toBe(1);
      expect(
        delta('smsauth_provider_request_duration_seconds_count', {
          provider: 'webhook',
          outcome: 'accepted',
        }),
      ).toBe(1);
    });

    it('counts a refused code under its reason, and a wrong code under its outcome', async () => {
      const before = await scrape();
      const phone = uniqueCnPhone();
      await requestCode({ phone }).expect(202);
      const again = await requestCode({ phone }).expect(429);
      expect(again.body.code).toBe('TooFrequent');
      await requestCode({ phone: '12' }).expect(400);
      await service
        .http()
        .post('/v1/sms/codes/verify')
        .send({ phone, code: receiver.lastCodeFor(phone) === '000000' ? '111111' : '000000' })
        .expect(400);
      const after = await scrape();

      const delta = (name: string, labels: Record<string, string>) =>
        valueOf(after, name, labels) - valueOf(before, name, labels);
      expect(delta('smsauth_codes_requested_total', { channel: 'sms' })).toBe(3);
      expect(delta('smsauth_codes_sent_total', { channel: 'sms' })).toBe(1);
      expect(delta('smsauth_codes_refused_total', { channel: 'sms', reason: 'TooFrequent' })).toBe(
        1,
      );
      expect(delta('smsauth_codes_refused_total', { channel: 'sms', reason: 'PhoneInvalid' })).toBe(
        1,
      );
      expect(
        delta('smsauth_codes_verify_failed_total', { channel: 'sms', outcome: 'CodeIsError' }),
      ).toBe(1);
    });
    it('labels a voice code with channel voice: requested, sent, guessed wrong, verified', async () => {
      const before = await scrape();
      const phone = uniqueCnPhone();
      await requestCode({ phone, channel: 'voice' }).expect(202);
      const code = receiver.lastCodeFor(phone);
      const verify = (body: object) => service.http().post('/v1/sms/codes/verify').send(body);
      await verify({ phone, code: code === '000000' ? '111111' : '000000' }).expect(400);
      await verify({ phone, code }).expect(200);
      const after = await scrape();

      const delta = (name: string, labels: Record<string, string>) =>
        valueOf(after, name, labels) - valueOf(before, name, labels);
      expect(delta('smsauth_codes_requested_total', { channel: 'voice' })).toBe(1);
      expect(delta('smsauth_codes_sent_total', { channel: 'voice' })).toBe(1);
      expect(delta('smsauth_codes_verified_total', { channel: 'voice' })).toBe(1);
      expect(
        delta('smsauth_codes_verify_failed_total', { channel: 'voice', outcome: 'CodeIsError' }),
      ).toBe(1);
      expect(delta('smsauth_codes_requested_total', { channel: 'sms' })).toBe(0);
      expect(delta('smsauth_codes_verified_total', { channel: 'sms' })).toBe(0);
      expect(
        delta('smsauth_codes_verify_failed_total', { channel: 'sms', outcome: 'CodeIsError' }),
      ).toBe(0);
    });

    it('counts the call that replaced an SMS code under voice, and a phone without a code under none', async () => {
      const before = await scrape();
      const phone = uniqueCnPhone();
      await requestCode({ phone }).expect(202);
      await requestCode({ phone, channel: 'voice' }).expect(202);
      await service
        .http()
        .post('/v1/sms/codes/verify')
        .send({ phone, code: receiver.lastCodeFor(phone) })
        .expect(200);
      await service
        .http()
        .post('/v1/sms/codes/verify')
        .send({ phone: uniqueCnPhone(), code: '123456' })
        .expect(400);
      const after = await scrape();

      const delta = (name: string, labels: Record<string, string>) =>
        valueOf(after, name, labels) - valueOf(before, name, labels);
      expect(delta('smsauth_codes_sent_total', { channel: 'sms' })).toBe(1);
      expect(delta('smsauth_codes_sent_total', { channel: 'voice' })).toBe(1);
      expect(delta('smsauth_codes_verified_total', { channel: 'voice' })).toBe(1);
      expect(delta('smsauth_codes_verified_total', { channel: 'sms' })).toBe(0);
      expect(
        delta('smsauth_codes_verify_failed_total', { channel: 'none', outcome: 'CodeIsError' }),
      ).toBe(1);
    });
  });

  describe('HTTP requests', () => {
    it('are labelled by route pattern, unmatched URLs by one label, never by a phone', async () => {
      const phone = uniqueCnPhone();
      await requestCode({ phone }).expect(202);
      await service
        .http()
        .get(`/v1/no-such-route/${encodeURIComponent(phone)}`)
        .expect(404);
      await service
        .http()
        .patch(`/v1/admin/users/${encodeURIComponent(phone)}`)
        .expect(401);
      const samples = await scrape();

      const requests = (route: string, status: string) =>
        valueOf(samples, 'http_requests_total', { method: 'POST', route, status });
      expect(requests('/v1/sms/codes', '202')).toBeGreaterThanOrEqual(1);
      expect(
        valueOf(samples, 'http_requests_total', {
          method: 'GET',
          route: 'unmatched',
          status: '404',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        valueOf(samples, 'http_requests_total', {
          method: 'PATCH',
          route: '/v1/admin/users/:id',
          status: '401',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        valueOf(samples, 'http_request_duration_seconds_count', {
          method: 'POST',
          route: '/v1/sms/codes',
        }),
      ).toBeGreaterThanOrEqual(1);
      const digits = phone.slice(-8);
      const leaking = samples.filter((sample) =>
        Object.values(sample.labels).some((value) => value.includes(digits)),
      );
      expect(leaking).toEqual([]);
    });
  });

  describe('queues, dependencies, captcha and accounts', () => {
    it('reports every queue by state, and PostgreSQL and Redis up', async () => {
      const samples = await scrape();
      for (const queue of ['messages', 'maintenance']) {
        const states = samples
          .filter((sample) => sample.name === 'smsauth_queue_jobs' && sample.labels.queue === queue)
          .map((sample) => sample.labels.state)
          .sort();
        expect({ queue, states }).toEqual({
          queue,
          states: ['active', 'delayed', 'failed', 'waiting'],
        });
      }
      expect(valueOf(samples, 'smsauth_dependency_up', { dependency: 'database' })).toBe(1);
      expect(valueOf(samples, 'smsauth_dependency_up', { dependency: 'redis' })).toBe(1);
    });

    it('counts the record jobs the embedded worker finished', async () => {
      const phone = uniqueCnPhone();
      await requestCode({ phone }).expect(202);
      const recorded = async () =>
        valueOf(await scrape(), 'smsauth_queue_job_duration_seconds_count', {
          queue: 'messages',
          job: 'record',
          outcome: 'completed',
        });
      const deadline = Date.now() + 10_000;
      while ((await recorded()) === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await recorded()).toBeGreaterThanOrEqual(1);
    });

    it('counts captchas drawn, solved and answered wrong', async () => {
      const answers = new CaptchaAnswers(service.app);
      const before = await scrape();
      await solveCaptcha(service, answers);
      const drawn = await service.http().post('/v1/captcha').send({}).expect(201);
      await service
        .http()
        .post('/v1/captcha/verify')
        .send({ captchaToken: drawn.body.captchaToken, answer: answers.wrong })
        .expect(400);
      const after = await scrape();
      const delta = (name: string) =>
        valueOf(after, name, { provider: 'image' }) - valueOf(before, name, { provider: 'image' });
      expect(delta('smsauth_captcha_issued_total')).toBe(2);
      expect(delta('smsauth_captcha_solved_total')).toBe(1);
      expect(delta('smsauth_captcha_failed_total')).toBe(1);
    });

    it('counts a sign-up, log-ins by method and outcome, and a lock-out', async () => {
      const before = await scrape();
      const phone = uniqueCnPhone();
      await requestCode({ phone, purpose: 'signup' }).expect(202);
      await service
        .http()
        .post('/v1/users')
        .send({ phone, code: receiver.lastCodeFor(phone), password: 'a-long-password-1' })
        .expect(201);
      await service
        .http()
        .post('/v1/sessions')
        .send({ phone, password: 'a-long-password-1' })
        .expect(201);
      for (let attempt = 0; attempt < 5; attempt++) {
        await service.http().post('/v1/sessions').send({ phone, password: 'wrong-password-1' });
      }
      const locked = await service
        .http()
        .post('/v1/sessions')
        .send({ phone, password: 'a-long-password-1' })
        .expect(429);
      expect(locked.body.code).toBe('TooManyAttempts');
      const after = await scrape();
      const delta = (name: string, labels: Record<string, string> = {}) =>
        valueOf(after, name, labels) - valueOf(before, name, labels);
      expect(delta('smsauth_signups_total', { method: 'sms' })).toBe(1);
      expect(delta('smsauth_logins_total', { method: 'password', outcome: 'success' })).toBe(1);
      expect(
        delta('smsauth_logins_total', { method: 'password', outcome: 'InvalidCredentials' }),
      ).toBe(5);
      expect(
        delta('smsauth_logins_total', { method: 'password', outcome: 'TooManyAttempts' }),
      ).toBe(1);
      expect(delta('smsauth_password_lockouts_total')).toBe(1);
    });
  });
});

describe('Metrics and the per-IP limit', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ THROTTLE_LIMIT: '3', METRICS_TOKEN: TOKEN });
  });

  afterAll(() => service.close());

  it('spares a scraper with the token the per-IP limit, not a client with a wrong one', async () => {
    for (let scrape = 0; scrape < 6; scrape++) {
      await service.http().get('/metrics').set('Authorization', bearer(TOKEN)).expect(200);
    }
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await service.http().get('/metrics').set('Authorization', bearer('x'));
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe('Metrics without METRICS_TOKEN', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });

  afterAll(() => service.close());

  it('answers 404 NotFound on the public port, whatever the token', async () => {
    const response = await service
      .http()
      .get('/metrics')
      .set('Authorization', bearer(TOKEN))
      .expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'NotFound' });
    expect(response.text).not.toContain('process_cpu');
  });
});

describe('Metrics of the worker app', () => {
  let worker: INestApplicationContext;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const environment = validateServiceEnvironment({
      DATABASE_URL: process.env.DATABASE_URL,
      REDIS_URL: process.env.REDIS_URL,
      REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      LOG_LEVEL: 'silent',
      MAINTENANCE_INTERVAL_SECONDS: '1',
      METRICS_PORT: String(port),
    });
    worker = await createWorker(environment);
    await worker.init();
  });

  afterAll(() => worker.close());

  it('serves its queue gauges and the durations of the jobs it ran on METRICS_PORT', async () => {
    const scrapeWorker = async () =>
      parsePrometheusText(
        (await request(`http://127.0.0.1:${port}`).get('/metrics').expect(200)).text,
      );
    const ran = (samples: Sample[]) =>
      samples
        .filter(
          (sample) =>
            sample.name === 'smsauth_queue_job_duration_seconds_count' &&
            sample.labels.queue === 'maintenance' &&
            sample.labels.outcome === 'completed',
        )
        .reduce((total, sample) => total + sample.value, 0);
    const deadline = Date.now() + 30_000;
    let samples = await scrapeWorker();
    while (ran(samples) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      samples = await scrapeWorker();
    }
    expect(ran(samples)).toBeGreaterThanOrEqual(1);
    expect(
      samples.some(
        (sample) => sample.name === 'smsauth_queue_jobs' && sample.labels.queue === 'messages',
      ),
    ).toBe(true);
  });
});
