import { ADMIN, bearer } from '../support/accounts';
import { EventReceiver } from '../support/event-receiver';
import { eventually, subscribe } from '../support/event-endpoints';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { parsePrometheusText, Sample, valueOf } from '../support/prometheus-text';
import { startTestApp, TestApp } from '../support/test-app';

const METRICS_TOKEN = 'webhook-retries-metrics-token-0123456789';
const FIRST_RETRY_MS = 200;

describe('Webhook retries', () => {
  let database: IsolatedDatabase;
  let service: TestApp;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    service = await startTestApp({
      DATABASE_URL: database.url,
      EVENTS_RELAY_INTERVAL_MS: '50',
      WEBHOOK_RETRY_DELAY_MS: String(FIRST_RETRY_MS),
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_TIMEOUT_MS: '500',
      METRICS_TOKEN,
    });
  });

  afterAll(async () => {
    await service.close();
    await database.drop();
  });

  const admin = {
    get: (path: string) => service.http().get(path).set('Authorization', ADMIN),
    post: (path: string) => service.http().post(path).set('Authorization', ADMIN),
  };
  const scrape = async (): Promise<Sample[]> => {
    const response = await service
      .http()
      .get('/metrics')
      .set('Authorization', bearer(METRICS_TOKEN))
      .expect(200);
    return parsePrometheusText(response.text);
  };
  /** Test-sends to a new endpoint of `receiver`; answers when its delivery settled. */
  const testSendUntilSettled = async (receiver: EventReceiver) => {
    const endpoint = await subscribe(service, receiver, ['user.created']);
    const sent = await admin.post(`/v1/admin/webhooks/${endpoint.id}/test`).expect(202);
    const delivery = await eventually(async () => {
      const response = await admin
        .get(`/v1/admin/webhooks/${endpoint.id}/deliveries/${sent.body.deliveryId}`)
        .expect(200);
      expect(['succeeded', 'failed', 'skipped']).toContain(response.body.status);
      return response.body;
    }, 15_000);
    return { endpoint, sent: sent.body as { eventId: string; deliveryId: string }, delivery };
  };

  it('retries a receiver that failed, with backoff, the same id and a valid signature', async () => {
    const receiver = await new EventReceiver().start();
    try {
      receiver.failNext(2, 503);
      const before = await scrape();
      const { sent, delivery } = await testSendUntilSettled(receiver);

      expect(delivery).toMatchObject({ status: 'succeeded', attemptCount: 3, nextAttemptAt: null });
      expect(
        delivery.attempts.map((attempt: { statusCode: number }) => attempt.statusCode),
      ).toEqual([503, 503, 204]);
      const tries = receiver.events('webhook.test');
      expect(tries.map((event) => event.answered)).toEqual([503, 503, 204]);
      for (const event of tries) {
        expect(event.webhookId).toBe(sent.eventId);
        expect(event.signatureValid).toBe(true);
      }
      // Exponential: the second retry waits about twice the first (less up to 10% jitter).
      const [first, second, third] = tries.map((event) => event.receivedAt);
      expect(second - first).toBeGreaterThanOrEqual(FIRST_RETRY_MS * 0.9);
      expect(third - second).toBeGreaterThanOrEqual(FIRST_RETRY_MS * 2 * 0.9);

      const after = await scrape();
      const attempts = (samples: Sample[], outcome: string) =>
        valueOf(samples, 'smsauth_webhook_attempt_duration_seconds_count', { outcome });
      expect(attempts(after, 'failed') - attempts(before, 'failed')).toBe(2);
      expect(attempts(after, 'succeeded') - attempts(before, 'succeeded')).toBe(1);
      const delivered = (samples: Sample[]) =>
        valueOf(samples, 'smsauth_webhook_deliveries_total', {
          event: 'webhook.test',
          status: 'succeeded',
        });
      expect(delivered(after) - delivered(before)).toBe(1);
    } finally {
      await receiver.stop();
    }
  });

  it('gives up after WEBHOOK_MAX_ATTEMPTS tries: the delivery reads failed', async () => {
    const receiver = await new EventReceiver().start();
    try {
      receiver.failNext(3, 500);
      const { delivery } = await testSendUntilSettled(receiver);
      expect(delivery).toMatchObject({ status: 'failed', attemptCount: 3, nextAttemptAt: null });
      expect(receiver.events('webhook.test')).toHaveLength(3);
      const failed = valueOf(await scrape(), 'smsauth_webhook_deliveries_total', {
        event: 'webhook.test',
        status: 'failed',
      });
      expect(failed).toBeGreaterThanOrEqual(1);
    } finally {
      await receiver.stop();
    }
  });

  it('counts a receiver that does not answer in time as a failed try', async () => {
    const receiver = await new EventReceiver().start();
    try {
      receiver.delayNext(1, 2000);
      const { delivery } = await testSendUntilSettled(receiver);
      expect(delivery.status).toBe('succeeded');
      expect(delivery.attempts[0]).toMatchObject({ error: 'Timeout' });
      expect(delivery.attempts[0].durationMs).toBeLessThan(1500);
      expect(delivery.attempts[1]).toMatchObject({ statusCode: 204 });
    } finally {
      await receiver.stop();
    }
  });

  it('disables an endpoint that answers 410 Gone, and sends it nothing more', async () => {
    const receiver = await new EventReceiver().start();
    try {
      receiver.failNext(1, 410);
      const { endpoint, delivery } = await testSendUntilSettled(receiver);
      expect(delivery).toMatchObject({ status: 'failed', attemptCount: 1 });
      const read = await admin.get(`/v1/admin/webhooks/${endpoint.id}`).expect(200);
      expect(read.body).toMatchObject({ enabled: false, disabledReason: 'gone' });

      const again = await admin.post(`/v1/admin/webhooks/${endpoint.id}/test`).expect(202);
      const skipped = await eventually(async () => {
        const response = await admin
          .get(`/v1/admin/webhooks/${endpoint.id}/deliveries/${again.body.deliveryId}`)
          .expect(200);
        expect(response.body.status).toBe('skipped');
        return response.body;
      });
      expect(skipped.attemptCount).toBe(0);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.stop();
    }
  });
});
