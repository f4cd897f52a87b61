import { randomUUID } from 'node:crypto';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import {
  AdminApi,
  adminApi,
  settledMessage,
  shippedNotificationCatalog,
} from '../templates/catalog-api';

/** Notifications are queued jobs: answered at once, sent by a worker, retried while a retry may pass. */
describe('Notifications through the queue', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    service = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      SMS_NOTIFICATION_ATTEMPTS: '4',
      SMS_NOTIFICATION_RETRY_DELAY_MS: '100',
    });
    admin = adminApi(service);
    await shippedNotificationCatalog(admin);
  });

  afterEach(() => receiver.setMode('ok'));

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  const queue = async (phone: string): Promise<string> => {
    const response = await admin
      .post('/v1/admin/sms/messages', { phone, template: 'shipped', variables: { order: 'A1' } })
      .expect(202);
    expect(response.body).toEqual({ id: expect.any(String), status: 'queued' });
    return response.body.id as string;
  };

  it('answers with the id before the provider has the message, and shows it queued meanwhile', async () => {
    receiver.setMode({ delayMs: 800 });
    const phone = uniqueCnPhone();
    const started = Date.now();

    const id = await queue(phone);

    expect(Date.now() - started).toBeLessThan(700);
    const meanwhile = await admin.get(`/v1/admin/sms/messages/${id}`).expect(200);
    expect(meanwhile.body).toMatchObject({ id, status: 'queued', kind: 'notification', phone });
    expect(await settledMessage(admin, id)).toMatchObject({ status: 'sent', provider: 'webhook' });
    expect(receiver.acceptedTo(phone)).toHaveLength(1);
  });

  it('retries a message the provider refused for its own trouble, and sends it once it recovers', async () => {
    receiver.setMode({ status: 503 });
    const phone = uniqueCnPhone();

    const id = await queue(phone);
    await eventuallyReceived(phone, 2);
    receiver.setMode('ok');

    expect(await settledMessage(admin, id)).toMatchObject({ status: 'sent', provider: 'webhook' });
    expect(receiver.acceptedTo(phone)).toHaveLength(1);
    expect(receiver.messagesTo(phone).length).toBeGreaterThanOrEqual(3);
  });

  it('gives up after SMS_NOTIFICATION_ATTEMPTS tries and records the last failure', async () => {
    receiver.setMode({ status: 503 });
    const phone = uniqueCnPhone();

    const id = await queue(phone);

    expect(await settledMessage(admin, id)).toMatchObject({
      status: 'failed',
      errorCode: 'HTTP503',
    });
    expect(receiver.messagesTo(phone)).toHaveLength(4);
  });

  it('does not retry a refusal every provider would repeat; an admin retries it once it is fixed', async () => {
    receiver.setMode({ status: 400 });
    const phone = uniqueCnPhone();

    const id = await queue(phone);
    expect(await settledMessage(admin, id)).toMatchObject({ status: 'failed' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.messagesTo(phone)).toHaveLength(1);

    receiver.setMode('ok');
    const retried = await admin.post(`/v1/admin/sms/messages/${id}/retry`).expect(202);
    expect(retried.body).toMatchObject({ id, status: 'queued' });
    expect(await settledMessage(admin, id)).toMatchObject({ status: 'sent' });
    expect(receiver.acceptedTo(phone)).toHaveLength(1);
  });

  it('retries only a failed notification', async () => {
    const phone = uniqueCnPhone();
    const sent = await queue(phone);
    await settledMessage(admin, sent);

    const notFailed = await admin.post(`/v1/admin/sms/messages/${sent}/retry`).expect(409);
    expect(notFailed.body).toMatchObject({ code: 'MessageNotRetryable' });
    const unknown = await admin.post(`/v1/admin/sms/messages/${randomUUID()}/retry`).expect(404);
    expect(unknown.body).toMatchObject({ code: 'MessageNotFound' });
    const notAnId = await admin.post('/v1/admin/sms/messages/nope/retry').expect(400);
    expect(notAnId.body).toMatchObject({ code: 'InValidParam' });
    expect(receiver.acceptedTo(phone)).toHaveLength(1);
  });

  it('does not retry a code: codes are sent inside their request', async () => {
    const phone = uniqueCnPhone();
    receiver.setMode({ status: 400 });
    await service.http().post('/v1/sms/codes').send({ phone }).expect(502);
    receiver.setMode('ok');
    const page = await admin.get('/v1/admin/sms/messages', { phone }).expect(200);
    const [record] = page.body.items;
    expect(record).toMatchObject({ kind: 'verification', status: 'failed' });

    const response = await admin.post(`/v1/admin/sms/messages/${record.id}/retry`).expect(409);
    expect(response.body).toMatchObject({ code: 'MessageNotRetryable' });
  });

  it('finds no message for an id it never queued', async () => {
    const response = await admin.get(`/v1/admin/sms/messages/${randomUUID()}`).expect(404);
    expect(response.body).toMatchObject({ code: 'MessageNotFound' });
  });

  async function eventuallyReceived(phone: string, count: number): Promise<void> {
    const deadline = Date.now() + 5000;
    while (receiver.messagesTo(phone).length < count) {
      if (Date.now() > deadline) throw new Error(`fewer than ${count} posts to ${phone}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});
