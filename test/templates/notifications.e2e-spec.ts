import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import {
  AdminApi,
  adminApi,
  approvedSignature,
  approvedTemplate,
  notifyAndSettle,
} from './catalog-api';

const TEST_NUMBER = '+8613800000077';

describe('Admin: notification and marketing messages', () => {
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
      SMS_TEST_NUMBERS: `${TEST_NUMBER}:246810`,
    });
    admin = adminApi(service);
    await approvedSignature(admin, { name: 'main', content: '示例商城' });
    await approvedTemplate(admin, {
      name: 'shipped',
      kind: 'notification',
      content: '您的订单{{order}}已由{{carrier}}发出，{{name}}感谢您的支持',
    });
    await approvedTemplate(admin, {
      name: 'sale',
      kind: 'marketing',
      purpose: 'promotion',
      content: '双十一全场八折。拒收请回复R',
    });
    await approvedTemplate(admin, {
      name: 'login_code',
      kind: 'verification',
      purpose: 'login',
      content: '验证码{{code}}',
    });
    await admin
      .post('/v1/admin/sms/templates', { name: 'draft', kind: 'notification', content: 'Draft' })
      .expect(201);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  const sendMessage = (body: Record<string, unknown>) => admin.post('/v1/admin/sms/messages', body);

  it('queues a notification, renders it with its variables and records it', async () => {
    const phone = uniqueCnPhone();
    const sent = await notifyAndSettle(admin, {
      phone,
      template: 'shipped',
      variables: { order: 'A1001', carrier: '顺丰' },
    });
    expect(sent).toMatchObject({
      status: 'sent',
      provider: 'webhook',
      providerMessageId: sent.id,
      segments: 1,
      testNumber: false,
    });
    const [sms] = receiver.messagesTo(phone);
    expect(sms.content).toBe('【示例商城】您的订单A1001已由顺丰发出，Demo感谢您的支持');
    expect(sms.variables).toEqual({ order: 'A1001', carrier: '顺丰', name: 'Demo' });

    const page = await admin.get('/v1/admin/sms/messages', { phone }).expect(200);
    expect(page.body.items[0]).toMatchObject({
      id: sent.id,
      kind: 'notification',
      channel: 'sms',
      purpose: 'general',
      templateName: 'shipped',
      content: sms.content,
    });
  });

  it('sends a marketing message', async () => {
    const phone = uniqueCnPhone();
    expect((await notifyAndSettle(admin, { phone, template: 'sale' })).status).toBe('sent');
    expect(receiver.messagesTo(phone)[0].content).toBe('【示例商城】双十一全场八折。拒收请回复R');
    const page = await admin.get('/v1/admin/sms/messages', { phone }).expect(200);
    expect(page.body.items[0]).toMatchObject({ kind: 'marketing', purpose: 'promotion' });
  });

  it('sends nothing to a test number, and says so', async () => {
    const sent = await notifyAndSettle(admin, {
      phone: TEST_NUMBER,
      template: 'shipped',
      variables: { order: 'A1', carrier: 'EMS' },
    });
    expect(sent).toMatchObject({ status: 'sent', provider: 'test', testNumber: true });
    expect(receiver.messagesTo(TEST_NUMBER)).toHaveLength(0);
  });

  it.each([
    ['a verification template', { template: 'login_code' }, 404, 'TemplateNotFound'],
    ['an unknown template', { template: 'nope' }, 404, 'TemplateNotFound'],
    ['a template under review', { template: 'draft' }, 409, 'TemplateNotApproved'],
    ['a missing variable', { variables: { order: 'A1' } }, 400, 'TemplateVariableMissing'],
    [
      'a system variable',
      { variables: { order: 'A', carrier: 'B', name: 'X' } },
      400,
      'InValidParam',
    ],
    ['an unknown signature', { signature: 'nope' }, 404, 'SignatureNotFound'],
    ['a bad phone', { phone: '12345' }, 400, 'PhoneInvalid'],
    ['variables that are a list', { variables: ['A1'] }, 400, 'InValidParam'],
    ['no template', { template: undefined }, 400, 'InValidParam'],
  ])('refuses %s', async (_case, fields, status, code) => {
    const phone = uniqueCnPhone();
    const response = await sendMessage({
      phone,
      template: 'shipped',
      variables: { order: 'A1', carrier: 'EMS' },
      ...fields,
    }).expect(status);
    expect(response.body.code).toBe(code);
    expect(receiver.messagesTo(phone)).toHaveLength(0);
  });

  it('is for admins only: app clients send verification codes only', async () => {
    const response = await service
      .http()
      .post('/v1/admin/sms/messages')
      .send({ phone: uniqueCnPhone(), template: 'shipped' })
      .expect(401);
    expect(response.body.code).toBe('Unauthorized');
  });
});
