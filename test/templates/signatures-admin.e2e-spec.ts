import { Client } from 'pg';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';
import { AdminApi, adminApi, approvedSignature } from './catalog-api';

describe('Admin: SMS signatures and their review', () => {
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    service = await startTestApp({ DATABASE_URL: database.url });
    admin = adminApi(service);
  });

  afterAll(async () => {
    await service.close();
    await database.drop();
  });

  const base = '/v1/admin/sms/signatures';
  let sequence = 0;
  const uniqueName = (prefix = 'sig') => `${prefix}-${++sequence}`;

  const defaults = async (): Promise<string[]> => {
    const page = await admin.get(base, { pageSize: 100 }).expect(200);
    return page.body.items
      .filter((s: { isDefault: boolean }) => s.isDefault)
      .map((s: { name: string }) => s.name);
  };

  it('creates a pending signature and reads it back', async () => {
    const name = uniqueName();
    const created = await admin
      .post(base, {
        name,
        content: '腾讯云',
        type: 'company',
        purpose: 'third_party',
        qualification: '营业执照 91440300…',
      })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name,
      content: '腾讯云',
      type: 'company',
      purpose: 'third_party',
      qualification: '营业执照 91440300…',
      status: 'pending',
      rejectionReason: null,
      isDefault: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    await admin.get(`${base}/${created.body.id}`).expect(200, created.body);
    const pending = await admin.get(base, { status: 'pending', pageSize: 100 }).expect(200);
    expect(pending.body.items.map((s: { id: string }) => s.id)).toContain(created.body.id);
  });

  it('refuses a second signature of the same name with SignatureNameTaken', async () => {
    const name = uniqueName();
    await admin.post(base, { name, content: 'Shop', type: 'app' }).expect(201);
    const again = await admin.post(base, { name, content: 'Other', type: 'app' }).expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'SignatureNameTaken' });
  });

  it.each([
    ['brackets in the content', { content: '【Shop】' }],
    ['a one-character content', { content: 'S' }],
    ['a 21-character content', { content: 'S'.repeat(21) }],
    ['punctuation in the content', { content: 'Shop!' }],
    ['an unknown type', { type: 'pigeon' }],
    ['an unknown purpose', { purpose: 'mine' }],
    ['a name with spaces', { name: 'my shop' }],
    ['a default flag on create', { isDefault: true }],
    ['an unknown field', { colour: 'red' }],
    ['a null content', { content: null }],
  ])('refuses %s with InValidParam', async (_case, override) => {
    const response = await admin
      .post(base, { name: uniqueName(), content: 'Shop', type: 'app', ...override })
      .expect(400);
    expect(response.body.code).toBe('InValidParam');
  });

  it('answers SignatureNotFound for an unknown id, and InValidParam for a malformed one', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await admin.get(`${base}/${unknown}`).expect(404)).body.code).toBe('SignatureNotFound');
    expect((await admin.post(`${base}/${unknown}/approve`).expect(404)).body.code).toBe(
      'SignatureNotFound',
    );
    expect((await admin.get(`${base}/not-a-uuid`).expect(400)).body.code).toBe('InValidParam');
  });

  it('keeps exactly one default: the first approved, then the one chosen', async () => {
    const first = await approvedSignature(admin, { name: uniqueName('first'), content: 'First' });
    const second = await approvedSignature(admin, {
      name: uniqueName('second'),
      content: 'Second',
    });
    expect(first.isDefault).toBe(true);
    expect(second.isDefault).toBe(false);
    expect(await defaults()).toEqual([first.name]);

    const chosen = await admin.patch(`${base}/${second.id}`, { isDefault: true }).expect(200);
    expect(chosen.body.isDefault).toBe(true);
    expect(await defaults()).toEqual([second.name]);

    // Editing the default's text sends it back to review; the oldest approved takes over.
    const edited = await admin.patch(`${base}/${second.id}`, { content: 'Second Two' }).expect(200);
    expect(edited.body).toMatchObject({ status: 'pending', isDefault: false });
    expect(await defaults()).toEqual([first.name]);

    // Rejecting the default moves it too, and keeps the reason.
    await admin.post(`${base}/${second.id}/approve`).expect(200);
    const rejected = await admin
      .post(`${base}/${first.id}/reject`, { reason: '签名与企业名称不符' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejectionReason: '签名与企业名称不符',
      isDefault: false,
    });
    expect(await defaults()).toEqual([second.name]);
  });

  it('makes only approved signatures the default', async () => {
    const pending = await admin
      .post(base, { name: uniqueName(), content: 'Pending', type: 'app' })
      .expect(201);
    const refused = await admin
      .patch(`${base}/${pending.body.id}`, { isDefault: true })
      .expect(409);
    expect(refused.body.code).toBe('SignatureNotApproved');
    const unset = await admin.patch(`${base}/${pending.body.id}`, { isDefault: false }).expect(400);
    expect(unset.body.code).toBe('InValidParam');
  });

  it('keeps approval when only the name or qualification changes', async () => {
    const signature = await approvedSignature(admin, { name: uniqueName(), content: 'Keep' });
    const renamed = await admin
      .patch(`${base}/${signature.id}`, { name: uniqueName('renamed'), qualification: 'ICP' })
      .expect(200);
    expect(renamed.body).toMatchObject({ status: 'approved', qualification: 'ICP' });
  });

  it('needs a reason to reject', async () => {
    const signature = await approvedSignature(admin, { name: uniqueName(), content: 'Reason' });
    const response = await admin.post(`${base}/${signature.id}/reject`, {}).expect(400);
    expect(response.body.code).toBe('InValidParam');
  });

  it('deletes signatures, moving the default, but never the last approved one', async () => {
    // Leave exactly one approved signature: reject every other one.
    const all = await admin.get(base, { pageSize: 100 }).expect(200);
    for (const signature of all.body.items) {
      await admin.post(`${base}/${signature.id}/reject`, { reason: 'cleanup' }).expect(200);
    }
    const only = await approvedSignature(admin, { name: uniqueName('only'), content: 'Only' });
    expect(only.isDefault).toBe(true);

    const refused = await admin.delete(`${base}/${only.id}`).expect(409);
    expect(refused.body.code).toBe('SignatureInUse');

    const other = await approvedSignature(admin, { name: uniqueName('other'), content: 'Other' });
    await admin.delete(`${base}/${only.id}`).expect(204);
    expect(await defaults()).toEqual([other.name]);
    await admin.get(`${base}/${only.id}`).expect(404);

    const pending = await admin
      .post(base, { name: uniqueName(), content: 'Gone', type: 'app' })
      .expect(201);
    await admin.delete(`${base}/${pending.body.id}`).expect(204);
  });

  it('names one default when approvals race', async () => {
    const all = await admin.get(base, { pageSize: 100 }).expect(200);
    for (const signature of all.body.items) {
      await admin.post(`${base}/${signature.id}/reject`, { reason: 'reset' }).expect(200);
    }
    expect(await defaults()).toEqual([]);
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        admin.post(base, { name: uniqueName(`race${i}`), content: `Race ${i}`, type: 'app' }),
      ),
    );
    const approvals = await Promise.all(
      created.map((response) => admin.post(`${base}/${response.body.id}/approve`)),
    );
    expect(approvals.map((response) => response.status)).toEqual(Array(6).fill(200));
    expect(await defaults()).toHaveLength(1);
  });

  it('has the database refuse a second default too', async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await expect(
        client.query(
          'UPDATE "sms_signatures" SET "is_default" = true WHERE "status" = \'approved\'',
        ),
      ).rejects.toMatchObject({ code: '23505' });
    } finally {
      await client.end();
    }
  });

  it('is for admins only', async () => {
    const response = await service.http().get(base).expect(401);
    expect(response.body.code).toBe('Unauthorized');
    await service.http().post(base).send({ name: 'x', content: 'Shop', type: 'app' }).expect(401);
  });
});
