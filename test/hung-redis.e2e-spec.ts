import request from 'supertest';
import { FreezeOnCommandProxy } from './support/freeze-on-command-proxy';
import { leanCloudSettings, signedHeaders } from './support/leancloud';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { startRedis, ThrowawayService } from './support/throwaway-services';
import { WebhookReceiver } from './support/webhook-receiver';

const COMMAND_TIMEOUT_MS = 1000;
// What a loaded 2-core machine may add to the timeout before the answer is out.
const SLACK_MS = 1500;
const HEALTH_BOUND_MS = 2000;
// A request that is not answered at all is cut here, so the test fails instead of hanging.
const GIVE_UP_MS = 10_000;

interface Timed {
  status: number;
  body: Record<string, unknown>;
  ms: number;
}

async function timed(pending: request.Test): Promise<Timed> {
  const startedAt = Date.now();
  const response = await pending.timeout(GIVE_UP_MS);
  return { status: response.status, body: response.body, ms: Date.now() - startedAt };
}

async function waitUntilReady(service: TestApp): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if ((await service.http().get('/health/ready')).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Not ready again 15 s after SIGCONT');
}

/**
 * Redis stopped with SIGSTOP: its connection stays open and it answers nothing, which no
 * connection error reveals. Every Redis command is bounded by REDIS_COMMAND_TIMEOUT_MS.
 */
describe('A frozen Redis', () => {
  let redis: ThrowawayService;
  let proxy: FreezeOnCommandProxy;
  let receiver: WebhookReceiver;
  let service: TestApp;

  beforeAll(async () => {
    redis = await startRedis();
    proxy = await FreezeOnCommandProxy.forUrl(redis.url).start();
    receiver = await new WebhookReceiver().start();
    service = await startTestApp({
      REDIS_URL: proxy.url,
      REDIS_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS),
      ...receiver.settings,
      ...leanCloudSettings,
    });
  });

  afterAll(async () => {
    redis?.thaw();
    await service?.close();
    await proxy?.stop();
    await redis?.stop();
    await receiver?.stop();
  });

  afterEach(() => redis.thaw());

  it('answers 503 within the command timeout on every route, /health within 2 s, and recovers after SIGCONT', async () => {
    const phone = uniqueCnPhone();
    await service.http().get('/health/ready').expect(200);

    redis.freeze();
    const [send, verify, leanCloud, health, ready, live] = await Promise.all([
      timed(service.http().post('/v1/sms/codes').send({ phone })),
      timed(service.http().post('/v1/sms/codes/verify').send({ phone, code: '123456' })),
      timed(
        service
          .http()
          .post('/1.1/requestSmsCode')
          .set(signedHeaders())
          .send({ mobilePhoneNumber: phone }),
      ),
      timed(service.http().get('/health')),
      timed(service.http().get('/health/ready')),
      timed(service.http().get('/health/live')),
    ]);

    for (const answer of [send, verify]) {
      expect(answer).toMatchObject({
        status: 503,
        body: { statusCode: 503, code: 'ServiceUnavailable' },
      });
      expect(answer.ms).toBeLessThan(COMMAND_TIMEOUT_MS + SLACK_MS);
    }
    expect(leanCloud).toMatchObject({ status: 503, body: { code: 1 } });
    expect(typeof leanCloud.body.error).toBe('string');
    expect(leanCloud.ms).toBeLessThan(COMMAND_TIMEOUT_MS + SLACK_MS);
    for (const answer of [health, ready]) {
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({
        statusCode: 503,
        code: 'ServiceUnavailable',
        message: expect.stringContaining('Redis'),
        status: 'unavailable',
        database: 'up',
        redis: 'down',
      });
      expect(answer.ms).toBeLessThan(HEALTH_BOUND_MS);
    }
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });

    redis.thaw();
    await waitUntilReady(service);
    await service.http().post('/v1/sms/codes').send({ phone }).expect(202);
    expect(receiver.messagesTo(phone)).toHaveLength(1);
  });

  it('does not send later a code whose reservation timed out, and undoes that reservation', async () => {
    const phone = uniqueCnPhone();
    await service.http().get('/health/ready').expect(200);
    // As in any running service, Redis knows the reserve script already (from another phone's
    // send): the late EVALSHA then runs instead of failing with NOSCRIPT.
    await service.http().post('/v1/sms/codes').send({ phone: uniqueCnPhone() }).expect(202);
    // Redis hangs exactly when the reservation reaches it: the throttler's command before it
    // was answered, so this is the reserve itself timing out, not an earlier step.
    proxy.onceSent(`sms:resend:${phone}`, () => redis.freeze());

    const send = await timed(service.http().post('/v1/sms/codes').send({ phone }));
    expect(send).toMatchObject({ status: 503, body: { code: 'ServiceUnavailable' } });
    expect(send.ms).toBeLessThan(COMMAND_TIMEOUT_MS + SLACK_MS);

    // Redis resumes and runs the reserve it had received; the request is long answered.
    redis.thaw();
    await waitUntilReady(service);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.messagesTo(phone)).toEqual([]);

    // Undone: no resend lock, no code and no count left by a message that never went out.
    const again = await service.http().post('/v1/sms/codes').send({ phone });
    expect(again.status).toBe(202);
    expect(receiver.messagesTo(phone)).toHaveLength(1);
  });
});
