import { CaptchaAnswers, solveCaptcha } from '../support/captcha-answers';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate, eventually } from './catalog-api';

/** A valid US number (Google's block), distinct within the run. */
let usSequence = 1000;
const uniqueUsPhone = (): string => `+1650253${String(++usSequence).padStart(4, '0')}`;

describe('Choosing the template and signature of a verification code', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    service = await startTestApp({
      // International numbers below: SMS_ALLOWED_REGIONS defaults to SMS_DEFAULT_REGION only.
      SMS_ALLOWED_REGIONS: '*',
      ...receiver.settings,
      DATABASE_URL: database.url,
      SMS_DEFAULT_LOCALE: 'zh-CN',
      // Log-in codes go to phones that have no account yet.
      USER_SMS_SIGNUP_ON_LOGIN: 'true',
    });
    admin = adminApi(service);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  const send = (body: Record<string, unknown>) => service.http().post('/v1/sms/codes').send(body);
  const lastMessageTo = (phone: string) => {
    const messages = receiver.messagesTo(phone);
    return messages[messages.length - 1];
  };
  const recordOf = async (phone: string) => {
    const page = await admin.get('/v1/admin/sms/messages', { phone }).expect(200);
    return page.body.items[0];
  };

  describe('on a fresh install', () => {
    it('sends the built-in text signed with APP_NAME', async () => {
      const phone = uniqueCnPhone();
      await send({ phone, purpose: 'login' }).expect(202);
      const sms = lastMessageTo(phone);
      expect(sms.content).toBe(
        `【Demo】Your verification code is ${sms.variables.code}. It expires in 10 minutes.`,
      );
      expect(await recordOf(phone)).toMatchObject({
        kind: 'verification',
        templateName: null,
        signature: 'Demo',
        region: 'CN',
      });
    });
  });

  describe('with a catalogue', () => {
    beforeAll(async () => {
      await approvedSignature(admin, { name: 'main', content: '示例商城' });
      await approvedSignature(admin, { name: 'brand', content: 'Brand' });
      await admin
        .post('/v1/admin/sms/signatures', { name: 'waiting', content: 'Waiting', type: 'app' })
        .expect(201);
      await approvedTemplate(admin, {
        name: 'login_code',
        kind: 'verification',
        purpose: 'login',
        locale: 'zh-CN',
        content: '{{ttl}}分钟内有效，您的登录验证码是{{code}}',
      });
      await approvedTemplate(admin, {
        name: 'login_code',
        kind: 'verification',
        purpose: 'login',
        locale: 'en',
        content: 'Your {{name}} login code is {{code}}',
      });
      await admin
        .post('/v1/admin/sms/templates', {
          name: 'signup_code',
          kind: 'verification',
          purpose: 'signup',
          content: '注册验证码{{code}}',
        })
        .expect(201);
      await approvedTemplate(admin, {
        name: 'pay_code',
        kind: 'verification',
        purpose: 'operation',
        content: '您正在{{shop}}付款{{amount}}元，验证码{{code}}',
      });
      await approvedTemplate(admin, {
        name: 'shipped',
        kind: 'notification',
        content: '您的订单已发货',
      });
    });

    it('picks the approved template of the purpose, in the phone region locale, with the default signature', async () => {
      const phone = uniqueCnPhone();
      await send({ phone, purpose: 'login' }).expect(202);
      const sms = lastMessageTo(phone);
      expect(sms.content).toBe(`【示例商城】10分钟内有效，您的登录验证码是${sms.variables.code}`);
      // Variables travel in the order the template declares them.
      expect(Object.keys(sms.variables)).toEqual(['ttl', 'code']);
      expect(await recordOf(phone)).toMatchObject({
        templateName: 'login_code',
        locale: 'zh-CN',
        signature: '示例商城',
        content: '【示例商城】10分钟内有效，您的登录验证码是******',
      });
    });

    it('takes the locale of the request', async () => {
      const phone = uniqueCnPhone();
      await send({ phone, purpose: 'login', locale: 'en-GB' }).expect(202);
      const sms = lastMessageTo(phone);
      expect(sms.content).toBe(`【示例商城】Your Demo login code is ${sms.variables.code}`);
    });

    it('takes the locale of the phone region without one', async () => {
      const phone = uniqueUsPhone();
      await send({ phone, purpose: 'login' }).expect(202);
      expect(lastMessageTo(phone).content).toMatch(/^【示例商城】Your Demo login code is \d{6}$/);
      expect(await recordOf(phone)).toMatchObject({ locale: 'en', region: 'US' });
    });

    it('uses the built-in text while a purpose has no approved template', async () => {
      const phone = uniqueCnPhone();
      await send({ phone, purpose: 'signup' }).expect(202);
      expect(lastMessageTo(phone).content).toMatch(
        /^【示例商城】Your verification code is \d{6}\. It expires in 10 minutes\.$/,
      );
    });

    it('fills caller variables, and codes from it verify', async () => {
      const phone = uniqueCnPhone();
      await send({ phone, variables: { shop: '旗舰店', amount: '99.00', unused: 'x' } }).expect(
        202,
      );
      const sms = lastMessageTo(phone);
      expect(sms.content).toBe(`【示例商城】您正在旗舰店付款99.00元，验证码${sms.variables.code}`);
      await service
        .http()
        .post('/v1/sms/codes/verify')
        .send({ phone, code: sms.variables.code })
        .expect(200);
    });

    it('answers TemplateVariableMissing before counting the send', async () => {
      const phone = uniqueCnPhone();
      const missing = await send({ phone, variables: { shop: '旗舰店' } }).expect(400);
      expect(missing.body).toMatchObject({
        statusCode: 400,
        code: 'TemplateVariableMissing',
        missing: ['amount'],
      });
      expect(receiver.messagesTo(phone)).toHaveLength(0);
      // No resend interval was taken: the corrected request goes through at once.
      await send({ phone, variables: { shop: '旗舰店', amount: '1' } }).expect(202);
    });

    it.each([
      ['a system variable', { code: '000000' }],
      ['another system variable', { ttl: '999' }],
      ['a signature bracket', { shop: '【银行】' }],
      ['a number', { amount: 99 }],
      ['a long value', { shop: 'x'.repeat(36) }],
    ])('refuses %s among the variables with InValidParam', async (_case, variables) => {
      const response = await send({ phone: uniqueCnPhone(), variables }).expect(400);
      expect(response.body.code).toBe('InValidParam');
    });

    it('sends a named template and a named signature', async () => {
      const phone = uniqueCnPhone();
      await send({
        phone,
        purpose: 'operation',
        template: 'login_code',
        signature: 'brand',
      }).expect(202);
      expect(lastMessageTo(phone).content).toMatch(
        /^【Brand】\d+分钟内有效，您的登录验证码是\d{6}$/,
      );
    });

    it.each([
      ['an unknown template', { template: 'nope' }, 404, 'TemplateNotFound'],
      ['a notification template', { template: 'shipped' }, 404, 'TemplateNotFound'],
      ['a template under review', { template: 'signup_code' }, 409, 'TemplateNotApproved'],
      ['an unknown signature', { signature: 'nope' }, 404, 'SignatureNotFound'],
      ['a signature under review', { signature: 'waiting' }, 409, 'SignatureNotApproved'],
      ['a locale that is not a language tag', { locale: 'klingon!' }, 400, 'InValidParam'],
    ])('refuses %s', async (_case, fields, status, code) => {
      const phone = uniqueCnPhone();
      const response = await send({ phone, purpose: 'login', ...fields }).expect(status);
      expect(response.body.code).toBe(code);
      expect(receiver.messagesTo(phone)).toHaveLength(0);
    });

    it('refuses a bad template request before the captcha token is spent', async () => {
      const strict = await startTestApp({
        // International numbers below: SMS_ALLOWED_REGIONS defaults to SMS_DEFAULT_REGION only.
        SMS_ALLOWED_REGIONS: '*',
        ...service.settings,
        REDIS_KEY_PREFIX: `${service.settings.REDIS_KEY_PREFIX}strict:`,
        SMS_REQUIRE_CAPTCHA: 'true',
      });
      try {
        const validateToken = await solveCaptcha(strict, new CaptchaAnswers(strict.app));
        const phone = uniqueCnPhone();
        const codes = () => strict.http().post('/v1/sms/codes');
        await codes().send({ phone, validateToken, template: 'nope' }).expect(404);
        await codes()
          .send({ phone, validateToken, variables: { code: '1' } })
          .expect(400);
        await codes().send({ phone, validateToken, purpose: 'login' }).expect(202);
      } finally {
        await strict.close();
      }
    });

    it('marks the message verified once its code verifies', async () => {
      const phone = uniqueCnPhone();
      await send({ phone, purpose: 'login' }).expect(202);
      expect((await recordOf(phone)).verifiedAt).toBeNull();
      await service
        .http()
        .post('/v1/sms/codes/verify')
        .send({ phone, purpose: 'login', code: receiver.lastCodeFor(phone) })
        .expect(200);
      await eventually(async () => {
        expect((await recordOf(phone)).verifiedAt).toEqual(expect.any(String));
      });
    });
  });
});
