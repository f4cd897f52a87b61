import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from './catalog-api';

/** Whatever an admin or client sends to the catalogue routes: a 4xx with a stable code, never a 500. */
describe('Bad input to templates, signatures, messages, receipts and statistics', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;
  let signatureId: string;
  let templateId: string;

  const RECEIPT_TOKEN = 'bad-input-receipt-token';

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    service = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      SMS_RECEIPT_TOKEN: RECEIPT_TOKEN,
      SMS_RESEND_INTERVAL_SECONDS: '0',
    });
    admin = adminApi(service);
    signatureId = (await approvedSignature(admin, { name: 'main', content: 'Main' })).id;
    const template = await approvedTemplate(admin, {
      name: 'notice',
      kind: 'notification',
      content: 'Hello {{who}}',
    });
    templateId = template.id;
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  const NASTY: Array<[string, unknown]> = [
    ['a NUL', 'a\u0000b'],
    ['a control character', 'a\u0007b'],
    ['a lone surrogate', '\uD800'],
    ['a number', 12],
    ['a boolean', true],
    ['null', null],
    ['an array', ['x']],
    ['an operator object', { $gt: '' }],
    ['5,000 characters', 'x'.repeat(5000)],
    ['an emoji', '😀'],
  ];

  function expectNoServerError(response: { status: number; body: Record<string, unknown> }): void {
    expect(response.status).toBeLessThan(500);
    if (response.status >= 400) {
      expect(response.body).toEqual(
        expect.objectContaining({
          statusCode: response.status,
          code: expect.stringMatching(/^[A-Z][A-Za-z]+$/),
          message: expect.any(String),
        }),
      );
    }
  }

  const bodies: Array<[string, string, () => string, Record<string, unknown>]> = [
    [
      'POST',
      'signatures',
      () => '/v1/admin/sms/signatures',
      { name: 'n', content: 'Shop', type: 'app' },
    ],
    ['PATCH', 'a signature', () => `/v1/admin/sms/signatures/${signatureId}`, {}],
    [
      'POST',
      'a rejection',
      () => `/v1/admin/sms/signatures/${signatureId}/reject`,
      { reason: 'r' },
    ],
    [
      'POST',
      'templates',
      () => '/v1/admin/sms/templates',
      { name: 'n', kind: 'notification', content: 'Hi' },
    ],
    ['PATCH', 'a template', () => `/v1/admin/sms/templates/${templateId}`, {}],
    [
      'POST',
      'messages',
      () => '/v1/admin/sms/messages',
      { phone: '+8613800138000', template: 'notice', variables: { who: 'x' } },
    ],
  ];
  const fieldsOf: Record<string, string[]> = {
    signatures: ['name', 'content', 'type', 'purpose', 'qualification'],
    'a signature': ['name', 'content', 'type', 'purpose', 'qualification', 'isDefault'],
    'a rejection': ['reason'],
    templates: ['name', 'kind', 'purpose', 'locale', 'content', 'providerTemplateIds'],
    'a template': ['name', 'kind', 'purpose', 'locale', 'content', 'providerTemplateIds'],
    messages: ['phone', 'template', 'signature', 'locale', 'variables'],
  };

  describe.each(bodies)('%s %s', (method, what, path, valid) => {
    const cases = fieldsOf[what].flatMap((field) =>
      NASTY.map(([label, value]) => [field, label, value] as const),
    );
    it.each(cases)('survives %s as %s', async (field, _label, value) => {
      const body = { ...valid, [field]: value };
      const response =
        method === 'POST' ? await admin.post(path(), body) : await admin.patch(path(), body);
      expectNoServerError(response);
    });
  });

  describe('POST /v1/sms/codes', () => {
    it.each(
      ['locale', 'template', 'signature', 'variables'].flatMap((field) =>
        NASTY.map(([label, value]) => [field, label, value] as const),
      ),
    )('survives %s as %s', async (field, _label, value) => {
      const response = await service
        .http()
        .post('/v1/sms/codes')
        .send({ phone: uniqueCnPhone(), [field]: value });
      expectNoServerError(response);
    });

    it.each(NASTY)('survives a variable value that is %s', async (_label, value) => {
      const response = await service
        .http()
        .post('/v1/sms/codes')
        .send({ phone: uniqueCnPhone(), variables: { who: value } });
      expectNoServerError(response);
    });
  });

  describe.each([
    ['/v1/admin/sms/templates', ['name', 'purpose', 'locale', 'kind', 'status', 'page']],
    ['/v1/admin/sms/signatures', ['status', 'pageSize']],
    ['/v1/admin/sms/stats', ['from', 'to', 'groupBy']],
  ])('GET %s', (path, fields) => {
    it.each(
      fields.flatMap((field) =>
        ['a\u0000b', '\u0007', 'x'.repeat(2000), '-1', '[]'].map((value) => [field, value]),
      ),
    )('survives %s = %j', async (field, value) => {
      expectNoServerError(await admin.get(path, { [field]: value }));
    });
  });

  it.each(NASTY)('answers a Tencent receipt whose sid is %s without failing', async (_l, sid) => {
    const response = await service
      .http()
      .post('/v1/sms/receipts/tencent')
      .query({ token: RECEIPT_TOKEN })
      .send([{ sid, report_status: 'SUCCESS', errmsg: sid, user_receive_time: sid }]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ result: 0, errmsg: 'OK' });
  });

  it('survives an Aliyun receipt full of wrong types', async () => {
    const response = await service
      .http()
      .post('/v1/sms/receipts/aliyun')
      .query({ token: RECEIPT_TOKEN })
      .send(NASTY.map(([, value]) => ({ biz_id: value, success: value, report_time: value })));
    expect(response.status).toBe(200);
  });
});
