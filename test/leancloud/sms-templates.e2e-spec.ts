import { adminApi, AdminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { LeanCloudTestApp, sdkError, startLeanCloudApp } from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';

/** requestSmsCode's `template`, `sign` and variables, on the SMS module's catalogue. */
describe('LeanCloud /1.1: SMS templates and signatures', () => {
  let database: IsolatedDatabase;
  let lc: LeanCloudTestApp;
  let admin: AdminApi;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    lc = await startLeanCloudApp({ DATABASE_URL: database.url, SMS_DEFAULT_LOCALE: 'zh-CN' });
    admin = adminApi(lc.service);
    await approvedSignature(admin, { name: 'Shop', content: '示例商城' });
    await admin
      .post('/v1/admin/sms/signatures', { name: 'Pending', content: 'Pending', type: 'app' })
      .expect(201);
    await approvedTemplate(admin, {
      name: 'Order',
      kind: 'verification',
      purpose: 'operation',
      locale: 'zh-CN',
      content: '您正在{{op}}，订单{{order_id}}的验证码是{{code}}，{{ttl}}分钟内有效',
    });
  });

  afterAll(async () => {
    await lc.close();
    await database.drop();
  });

  /** The SDK passes every key of the object through; its typings know only a few. */
  const request = (options: Record<string, unknown>) =>
    lc.AV.Cloud.requestSmsCode(options as { mobilePhoneNumber: string });

  it('renders the named template with the named signature and the extra keys', async () => {
    const phone = uniqueCnPhone();
    await request({
      mobilePhoneNumber: phone,
      template: 'Order',
      sign: 'Shop',
      op: '付款',
      order_id: 'A-1',
      name: 'ignored: the service fills name',
    });
    const [sms] = lc.receiver.messagesTo(phone);
    expect(sms.content).toBe(
      `【示例商城】您正在付款，订单A-1的验证码是${sms.variables.code}，10分钟内有效`,
    );
    await lc.AV.Cloud.verifySmsCode(sms.variables.code, phone);
  });

  it.each([
    ['an unknown template', { template: 'Nope', sign: 'Shop' }, 604],
    ['an unknown signature', { template: 'Order', sign: 'Nope', op: 'x', order_id: '1' }, 600],
    [
      'a signature not approved',
      { template: 'Order', sign: 'Pending', op: 'x', order_id: '1' },
      605,
    ],
    ['a variable the template needs', { template: 'Order', sign: 'Shop', op: '付款' }, 606],
    ['a variable that forges a signature', { template: 'Order', op: '【假】', order_id: '1' }, 107],
  ])('answers %s with %d and sends nothing', async (_case, options, code) => {
    const phone = uniqueCnPhone();
    const error = await sdkError(request({ mobilePhoneNumber: phone, ...options }));
    expect(error.code).toBe(code);
    // The SDK appends the HTTP status: LeanCloud answered these with 400, never 404.
    expect(error.message).toContain('[400 POST ');
    expect(lc.receiver.messagesTo(phone)).toHaveLength(0);
  });
});
