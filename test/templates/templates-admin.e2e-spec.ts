import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';
import { AdminApi, adminApi, approvedTemplate } from './catalog-api';

describe('Admin: SMS templates, their content rules and review', () => {
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    service = await startTestApp({ DATABASE_URL: database.url, SMS_DEFAULT_LOCALE: 'zh-CN' });
    admin = adminApi(service);
  });

  afterAll(async () => {
    await service.close();
    await database.drop();
  });

  const base = '/v1/admin/sms/templates';
  let sequence = 0;
  const uniqueName = (prefix = 'tpl') => `${prefix}_${++sequence}`;
  const verification = (fields: Record<string, unknown> = {}) => ({
    name: uniqueName(),
    kind: 'verification',
    purpose: 'login',
    content: '{{ttl}}分钟内有效，验证码{{code}}',
    ...fields,
  });

  it('creates a pending template, normalising the locale and listing its variables', async () => {
    const name = uniqueName();
    const created = await admin
      .post(base, {
        ...verification({ name, locale: 'EN_us' }),
        content: 'Your {{name}} code is {{code}}, valid for {{ttl}} minutes. {{hint}}',
        providerTemplateIds: { tencent: '1110', aliyun: 'SMS_15305001' },
      })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name,
      kind: 'verification',
      channel: 'sms',
      purpose: 'login',
      locale: 'en-US',
      content: 'Your {{name}} code is {{code}}, valid for {{ttl}} minutes. {{hint}}',
      variables: ['name', 'code', 'ttl', 'hint'],
      providerTemplateIds: { tencent: '1110', aliyun: 'SMS_15305001' },
      status: 'pending',
      rejectionReason: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    await admin.get(`${base}/${created.body.id}`).expect(200, created.body);
  });

  it('takes SMS_DEFAULT_LOCALE, the "general" label and the sms channel when they are left out', async () => {
    const created = await admin
      .post(base, { name: uniqueName(), kind: 'notification', content: 'Your parcel has shipped.' })
      .expect(201);
    expect(created.body).toMatchObject({
      locale: 'zh-CN',
      purpose: 'general',
      channel: 'sms',
      variables: [],
    });
  });

  it.each([
    ['a verification template without {{code}}', { content: 'Welcome to {{name}}' }],
    ['a block helper', { content: '{{#if code}}{{code}}{{/if}}' }],
    ['a helper call', { content: '{{lookup this "code"}}{{code}}' }],
    ['a partial', { content: '{{> header}}{{code}}' }],
    ['a path into an object', { content: '{{code.constructor}}{{code}}' }],
    ['content that does not parse', { content: '{{code' }],
    ['the signature brackets', { content: '【Shop】{{code}}' }],
    ['a worst case over 500 characters', { content: `{{code}}${'x'.repeat(471)}` }],
    ['{{code}} in a notification', { kind: 'notification', content: 'Order {{code}}' }],
    [
      'a marketing template without an opt-out',
      { kind: 'marketing', purpose: 'promo', content: '全场八折' },
    ],
  ])('refuses %s with TemplateInvalid', async (_case, override) => {
    const response = await admin.post(base, verification(override)).expect(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      code: 'TemplateInvalid',
      errors: [expect.objectContaining({ field: 'content' })],
    });
  });

  it('accepts a marketing template that ends with an opt-out', async () => {
    await admin
      .post(base, {
        name: uniqueName(),
        kind: 'marketing',
        content: '新品上市，全场八折。拒收请回复R',
      })
      .expect(201);
  });

  it.each([
    ['a verification purpose that is not a code purpose', { purpose: 'promo' }],
    ['a verification template without a purpose', { purpose: undefined }],
    ['a locale that is not a language tag', { locale: 'Chinese' }],
    ['an unknown kind', { kind: 'reminder' }],
    ['an unknown provider', { providerTemplateIds: { twilio: 'x' } }],
    ['a malformed provider id', { providerTemplateIds: { tencent: '11 10' } }],
    ['a list of provider ids', { providerTemplateIds: ['1110'] }],
    ['content over 500 characters', { content: `{{code}}${'x'.repeat(500)}` }],
    ['a numeric content', { content: 42 }],
    ['a name with spaces', { name: 'login code' }],
  ])('refuses %s with InValidParam', async (_case, override) => {
    const response = await admin.post(base, verification(override)).expect(400);
    expect(response.body.code).toBe('InValidParam');
  });

  it('takes one template per name and locale (TemplateNameTaken)', async () => {
    const name = uniqueName();
    await admin.post(base, verification({ name, locale: 'zh-CN' })).expect(201);
    await admin.post(base, verification({ name, locale: 'en' })).expect(201);
    const again = await admin.post(base, verification({ name, locale: 'zh-cn' })).expect(409);
    expect(again.body.code).toBe('TemplateNameTaken');
  });

  it('approves, sends edited content back to review, and rejects with a reason', async () => {
    const template = await approvedTemplate(admin, verification());
    expect(template.status).toBe('approved');

    const renumbered = await admin
      .patch(`${base}/${template.id}`, { providerTemplateIds: { tencent: '2220' } })
      .expect(200);
    expect(renumbered.body).toMatchObject({
      status: 'approved',
      providerTemplateIds: { tencent: '2220' },
    });

    const edited = await admin
      .patch(`${base}/${template.id}`, { content: '验证码{{code}}' })
      .expect(200);
    expect(edited.body).toMatchObject({ status: 'pending', variables: ['code'] });

    const rejected = await admin
      .post(`${base}/${template.id}/reject`, { reason: '模板内容与签名不符' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejectionReason: '模板内容与签名不符',
    });
  });

  it('checks edited content against the template kind', async () => {
    const template = await approvedTemplate(admin, verification());
    const response = await admin
      .patch(`${base}/${template.id}`, { content: 'No code here' })
      .expect(400);
    expect(response.body.code).toBe('TemplateInvalid');
    await admin
      .get(`${base}/${template.id}`)
      .expect(200)
      .expect(({ body }) => {
        expect(body.status).toBe('approved');
      });
  });

  it('refuses to delete the only approved verification template of a purpose', async () => {
    const first = await approvedTemplate(admin, verification({ purpose: 'change_phone' }));
    const refused = await admin.delete(`${base}/${first.id}`).expect(409);
    expect(refused.body.code).toBe('TemplateInUse');

    const second = await approvedTemplate(admin, verification({ purpose: 'change_phone' }));
    await admin.delete(`${base}/${first.id}`).expect(204);
    await admin.get(`${base}/${first.id}`).expect(404);

    // Rejecting it first is the deliberate way to retire the last one.
    await admin.post(`${base}/${second.id}/reject`, { reason: 'retired' }).expect(200);
    await admin.delete(`${base}/${second.id}`).expect(204);
  });

  it('deletes notification templates and pending ones freely', async () => {
    const notice = await approvedTemplate(admin, {
      name: uniqueName(),
      kind: 'notification',
      content: 'Shipped',
    });
    await admin.delete(`${base}/${notice.id}`).expect(204);
    const pending = await admin.post(base, verification({ purpose: 'signup' })).expect(201);
    await admin.delete(`${base}/${pending.body.id}`).expect(204);
  });

  it('lists by kind, purpose, locale, status and name', async () => {
    const name = uniqueName('listed');
    const zh = await approvedTemplate(admin, verification({ name, purpose: 'verify_phone' }));
    await admin
      .post(base, verification({ name, purpose: 'verify_phone', locale: 'en' }))
      .expect(201);

    const byName = await admin.get(base, { name }).expect(200);
    expect(byName.body.total).toBe(2);
    const approved = await admin.get(base, { name, status: 'approved' }).expect(200);
    expect(approved.body.items.map((t: { id: string }) => t.id)).toEqual([zh.id]);
    const english = await admin.get(base, { name, locale: 'EN' }).expect(200);
    expect(english.body.items.map((t: { locale: string }) => t.locale)).toEqual(['en']);
    const filtered = await admin
      .get(base, { kind: 'verification', purpose: 'verify_phone', pageSize: 1 })
      .expect(200);
    expect(filtered.body).toMatchObject({ total: 2, pageSize: 1 });
    expect(filtered.body.items).toHaveLength(1);
  });

  it('answers TemplateNotFound for an unknown id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const call of [
      admin.get(`${base}/${unknown}`),
      admin.patch(`${base}/${unknown}`, { content: '{{code}}' }),
      admin.delete(`${base}/${unknown}`),
      admin.post(`${base}/${unknown}/approve`),
      admin.post(`${base}/${unknown}/reject`, { reason: 'x' }),
    ]) {
      expect((await call.expect(404)).body.code).toBe('TemplateNotFound');
    }
  });

  it('is for admins only', async () => {
    await service.http().get(base).expect(401);
    await service.http().post(base).send(verification()).expect(401);
  });
});
