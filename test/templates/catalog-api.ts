import request from 'supertest';
import { TEST_ADMIN_KEY, TestApp } from '../support/test-app';

type Body = Record<string, unknown>;

/** A signature or template as the admin API returns it. */
export interface CatalogEntry {
  id: string;
  name: string;
  [field: string]: unknown;
}

/** Admin calls of one test app, with the admin key set. */
export function adminApi(service: TestApp) {
  const auth = (test: request.Test): request.Test =>
    test.set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);
  return {
    get: (path: string, query: Body = {}) => auth(service.http().get(path).query(query)),
    post: (path: string, body?: Body) => auth(service.http().post(path).send(body)),
    patch: (path: string, body: Body) => auth(service.http().patch(path).send(body)),
    delete: (path: string) => auth(service.http().delete(path)),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;

/** A signature, approved; returns its body. */
export async function approvedSignature(admin: AdminApi, fields: Body): Promise<CatalogEntry> {
  const created = await admin
    .post('/v1/admin/sms/signatures', { type: 'app', ...fields })
    .expect(201);
  const approved = await admin
    .post(`/v1/admin/sms/signatures/${created.body.id}/approve`)
    .expect(200);
  return approved.body;
}

/** A template, approved; returns its body. */
export async function approvedTemplate(admin: AdminApi, fields: Body): Promise<CatalogEntry> {
  const created = await admin.post('/v1/admin/sms/templates', fields).expect(201);
  const approved = await admin
    .post(`/v1/admin/sms/templates/${created.body.id}/approve`)
    .expect(200);
  return approved.body;
}

/** The `main` signature and the `shipped` notification template (`{{order}}`), approved. */
export async function shippedNotificationCatalog(admin: AdminApi): Promise<void> {
  await approvedSignature(admin, { name: 'main', content: '示例商城' });
  await approvedTemplate(admin, {
    name: 'shipped',
    kind: 'notification',
    content: '您的订单{{order}}已发出',
  });
}

/** Polls until `check` passes (for writes made after the response, e.g. verification marks). */
export async function eventually(check: () => Promise<void>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A message as GET /v1/admin/sms/messages/{id} shows it. */
export interface MessageView {
  id: string;
  status: string;
  [field: string]: unknown;
}

/**
 * Waits until a worker has settled message `id` (its record says anything but `queued`) and
 * answers that record. Fails the test after `timeoutMs`.
 */
export async function settledMessage(
  admin: AdminApi,
  id: string,
  timeoutMs = 10_000,
): Promise<MessageView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await admin.get(`/v1/admin/sms/messages/${id}`).expect(200);
    if (response.body.status !== 'queued') return response.body as MessageView;
    if (Date.now() > deadline) {
      throw new Error(`Message ${id} still queued after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Queues a notification (202 with its id) and answers its record once a worker settled it. */
export async function notifyAndSettle(admin: AdminApi, body: Body): Promise<MessageView> {
  const queued = await admin.post('/v1/admin/sms/messages', body).expect(202);
  expect(queued.body).toEqual({ id: expect.any(String), status: 'queued' });
  return settledMessage(admin, queued.body.id as string);
}
