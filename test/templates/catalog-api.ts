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
