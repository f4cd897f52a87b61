import { ADMIN } from '../support/accounts';
import { EventReceiver } from '../support/event-receiver';
import { eventually, subscribe } from '../support/event-endpoints';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';

const SECRET = `whsec_${Buffer.from('an-admin-chosen-secret-of-32-bytes!').toString('base64')}`;

describe('Webhook endpoints (admin)', () => {
  let database: IsolatedDatabase;
  let service: TestApp;
  let receiver: EventReceiver;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    receiver = await new EventReceiver().start();
    service = await startTestApp({ DATABASE_URL: database.url, EVENTS_RELAY_INTERVAL_MS: '50' });
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  const admin = () => ({
    get: (path: string, query: Record<string, unknown> = {}) =>
      service.http().get(path).query(query).set('Authorization', ADMIN),
    post: (path: string, body?: object) =>
      service.http().post(path).set('Authorization', ADMIN).send(body),
    patch: (path: string, body: object) =>
      service.http().patch(path).set('Authorization', ADMIN).send(body),
    delete: (path: string) => service.http().delete(path).set('Authorization', ADMIN),
  });

  it('creates an endpoint with a generated secret shown once, never again', async () => {
    const created = await admin()
      .post('/v1/admin/webhooks', {
        url: receiver.url,
        eventTypes: ['user.created', 'sms.sent'],
        description: 'CRM',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      url: receiver.url,
      eventTypes: ['user.created', 'sms.sent'],
      description: 'CRM',
      enabled: true,
      disabledReason: null,
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.body.secret.slice(6), 'base64')).toHaveLength(32);

    const read = await admin().get(`/v1/admin/webhooks/${created.body.id}`).expect(200);
    expect(read.body).not.toHaveProperty('secret');
    expect(JSON.stringify(read.body)).not.toContain(created.body.secret.slice(6));
    const list = await admin().get('/v1/admin/webhooks').expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret.slice(6));
  });

  it('keeps a secret the admin gives', async () => {
    const created = await admin()
      .post('/v1/admin/webhooks', {
        url: receiver.url,
        eventTypes: ['user.created'],
        secret: SECRET,
      })
      .expect(201);
    expect(created.body.secret).toBe(SECRET);
  });

  it('refuses what it cannot deliver with InValidParam, field by field', async () => {
    const cases: Array<[object, string]> = [
      [{ url: 'ftp://example.com/x', eventTypes: ['user.created'] }, 'url'],
      [{ url: 'not a url', eventTypes: ['user.created'] }, 'url'],
      [{ url: receiver.url, eventTypes: [] }, 'eventTypes'],
      [{ url: receiver.url, eventTypes: ['user.deleted'] }, 'eventTypes'],
      [{ url: receiver.url, eventTypes: ['webhook.test'] }, 'eventTypes'],
      [{ url: receiver.url, eventTypes: ['user.created', 'user.created'] }, 'eventTypes'],
      [{ url: receiver.url, eventTypes: ['user.created'], secret: 'whsec_short' }, 'secret'],
      [
        { url: receiver.url, eventTypes: ['user.created'], secret: 'plain-secret-'.repeat(4) },
        'secret',
      ],
      [{ eventTypes: ['user.created'] }, 'url'],
    ];
    for (const [body, field] of cases) {
      const response = await admin().post('/v1/admin/webhooks', body).expect(400);
      expect(response.body.code).toBe('InValidParam');
      expect(response.body.errors.map((entry: { field: string }) => entry.field)).toContain(field);
    }
  });

  it('updates, disables and re-enables an endpoint; 404 for an id none has', async () => {
    const created = await admin()
      .post('/v1/admin/webhooks', { url: receiver.url, eventTypes: ['user.created'] })
      .expect(201);
    const { id } = created.body as { id: string };
    const updated = await admin()
      .patch(`/v1/admin/webhooks/${id}`, {
        eventTypes: ['user.disabled', 'session.revoked'],
        description: 'ops',
        enabled: false,
      })
      .expect(200);
    expect(updated.body).toMatchObject({
      eventTypes: ['user.disabled', 'session.revoked'],
      description: 'ops',
      enabled: false,
    });
    const enabled = await admin()
      .patch(`/v1/admin/webhooks/${id}`, { enabled: true, description: null })
      .expect(200);
    expect(enabled.body).toMatchObject({ enabled: true, description: null });

    const missing = '00000000-0000-4000-8000-000000000000';
    for (const response of [
      await admin().get(`/v1/admin/webhooks/${missing}`),
      await admin().patch(`/v1/admin/webhooks/${missing}`, { enabled: false }),
      await admin().delete(`/v1/admin/webhooks/${missing}`),
      await admin().post(`/v1/admin/webhooks/${missing}/test`),
      await admin().get(`/v1/admin/webhooks/${missing}/deliveries`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('WebhookNotFound');
    }
    await admin().get('/v1/admin/webhooks/not-a-uuid').expect(400);

    await admin().delete(`/v1/admin/webhooks/${id}`).expect(204);
    await admin().get(`/v1/admin/webhooks/${id}`).expect(404);
  });

  it('test-sends a signed webhook.test through the queue, readable as a delivery', async () => {
    const testReceiver = await new EventReceiver().start();
    try {
      const endpoint = await subscribe(service, testReceiver, ['user.created']);
      const sent = await admin().post(`/v1/admin/webhooks/${endpoint.id}/test`).expect(202);
      const [event] = await testReceiver.waitFor('webhook.test');
      expect(event).toMatchObject({
        webhookId: sent.body.eventId,
        data: { endpointId: endpoint.id },
        signatureValid: true,
        answered: 204,
      });
      expect(Date.parse(event.timestamp)).not.toBeNaN();

      const delivery = await eventually(async () => {
        const response = await admin()
          .get(`/v1/admin/webhooks/${endpoint.id}/deliveries/${sent.body.deliveryId}`)
          .expect(200);
        expect(response.body.status).toBe('succeeded');
        return response.body;
      });
      expect(delivery).toMatchObject({
        id: sent.body.deliveryId,
        eventId: sent.body.eventId,
        eventType: 'webhook.test',
        attemptCount: 1,
        nextAttemptAt: null,
        attempts: [{ statusCode: 204 }],
      });
      expect(JSON.parse(delivery.body)).toEqual({
        type: 'webhook.test',
        timestamp: event.timestamp,
        data: { endpointId: endpoint.id },
      });

      const page = await admin()
        .get(`/v1/admin/webhooks/${endpoint.id}/deliveries`, { status: 'succeeded' })
        .expect(200);
      expect(page.body).toMatchObject({ total: 1, page: 1 });
      expect(page.body.items[0]).toMatchObject({ id: sent.body.deliveryId, attemptCount: 1 });
      expect(page.body.items[0]).not.toHaveProperty('attempts');

      const other = '00000000-0000-4000-8000-000000000000';
      const missing = await admin()
        .get(`/v1/admin/webhooks/${endpoint.id}/deliveries/${other}`)
        .expect(404);
      expect(missing.body.code).toBe('WebhookDeliveryNotFound');
      await admin()
        .get(`/v1/admin/webhooks/${endpoint.id}/deliveries`, { status: 'lost' })
        .expect(400);
    } finally {
      await testReceiver.stop();
    }
  });

  it('takes the admin key on every route', async () => {
    await service.http().get('/v1/admin/webhooks').expect(401);
    await service.http().post('/v1/admin/webhooks').send({}).expect(401);
  });
});
