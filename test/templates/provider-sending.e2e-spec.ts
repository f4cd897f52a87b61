import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startAliyunSmsFake } from '../fakes/aliyun-sms.fake';
import type { AliyunSmsFake } from '../fakes/aliyun-sms.fake';
import { startTencentSmsFake } from '../fakes/tencent-sms.fake';
import type { TencentSmsFake } from '../fakes/tencent-sms.fake';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from './catalog-api';

const TENCENT = { secretId: 'AKIDtemplates', secretKey: 'tencent-secret', sdkAppId: '1400006666' };
const ALIYUN = { accessKeyId: 'LTAItemplates', accessKeySecret: 'aliyun-secret' };

/** A port nothing listens on: connections are refused. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

let usSequence = 2000;
const uniqueUsPhone = (): string => `+1650253${String(++usSequence).padStart(4, '0')}`;

describe('Sending through Tencent Cloud and Aliyun, with failover and records', () => {
  let tencent: TencentSmsFake;
  let aliyun: AliyunSmsFake;
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  const providerSettings = (overrides: Record<string, string> = {}) => ({
    DATABASE_URL: database.url,
    SMS_PROVIDER: 'tencent,aliyun',
    SMS_PROVIDER_TIMEOUT_MS: '500',
    TENCENT_SECRET_ID: TENCENT.secretId,
    TENCENT_SECRET_KEY: TENCENT.secretKey,
    TENCENT_SMS_SDK_APP_ID: TENCENT.sdkAppId,
    TENCENT_SMS_ENDPOINT: tencent.url,
    ALIYUN_ACCESS_KEY_ID: ALIYUN.accessKeyId,
    ALIYUN_ACCESS_KEY_SECRET: ALIYUN.accessKeySecret,
    ALIYUN_SMS_ENDPOINT: aliyun.url,
    ...overrides,
  });

  beforeAll(async () => {
    tencent = await startTencentSmsFake({
      ...TENCENT,
      approvedSignNames: ['示例商城'],
      approvedTemplates: {
        '1110': { paramCount: 2, verificationCode: true },
        '2220': { paramCount: 1 },
      },
    });
    aliyun = await startAliyunSmsFake({
      ...ALIYUN,
      approvedSignNames: ['示例商城'],
      approvedTemplates: {
        SMS_1: { variables: ['ttl', 'code'] },
        SMS_2: { variables: ['order'] },
        SMS_3: { variables: ['code'] },
      },
    });
    database = await createIsolatedDatabase();
    service = await startTestApp(providerSettings());
    admin = adminApi(service);

    await approvedSignature(admin, { name: 'main', content: '示例商城' });
    await approvedSignature(admin, { name: 'unfiled', content: '未备案' });
    await approvedTemplate(admin, {
      name: 'login_code',
      kind: 'verification',
      purpose: 'login',
      content: '{{ttl}}分钟内有效，验证码{{code}}',
      providerTemplateIds: { tencent: '1110', aliyun: 'SMS_1' },
    });
    await approvedTemplate(admin, {
      name: 'reset_code',
      kind: 'verification',
      purpose: 'reset_password',
      content: '重置密码验证码{{code}}',
      providerTemplateIds: { aliyun: 'SMS_3' },
    });
    await approvedTemplate(admin, {
      name: 'shipped',
      kind: 'notification',
      content: '订单{{order}}已发货',
      providerTemplateIds: { tencent: '2220', aliyun: 'SMS_2' },
    });
  });

  afterEach(() => {
    tencent.setMode('ok');
    aliyun.setMode('ok');
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([tencent.close(), aliyun.close()]);
    await database.drop();
  });

  const sendCode = (phone: string, fields: Record<string, unknown> = {}, app = service) =>
    app
      .http()
      .post('/v1/sms/codes')
      .send({ phone, purpose: 'login', ...fields });
  const recordOf = async (phone: string) => {
    const page = await admin.get('/v1/admin/sms/messages', { phone }).expect(200);
    return page.body.items[0];
  };
  const tencentSentTo = (phone: string) => tencent.sent.filter((m) => m.phoneNumber === phone);
  const aliyunSentTo = (phone: string) =>
    aliyun.sent.filter((m) => `+86${m.phoneNumbers}` === phone || `+${m.phoneNumbers}` === phone);

  it('sends through Tencent, mapping variables to {1}, {2} in the declared order', async () => {
    const phone = uniqueCnPhone();
    await sendCode(phone).expect(202);
    const [message] = tencentSentTo(phone);
    expect(message).toMatchObject({ signName: '示例商城', templateId: '1110' });
    const [ttl, code] = message.templateParams;
    expect(ttl).toBe('10');
    expect(code).toMatch(/^\d{6}$/);
    expect(aliyunSentTo(phone)).toHaveLength(0);

    const record = await recordOf(phone);
    expect(record).toMatchObject({
      provider: 'tencent',
      providerMessageId: message.serialNo,
      status: 'sent',
      segments: 1,
      attempts: [
        {
          provider: 'tencent',
          providerMessageId: message.serialNo,
          status: 'sent',
          latencyMs: expect.any(Number),
        },
      ],
    });
    await service
      .http()
      .post('/v1/sms/codes/verify')
      .send({ phone, purpose: 'login', code })
      .expect(200);
  });

  it('sends through Aliyun with the named variables as TemplateParam', async () => {
    const aliyunOnly = await startTestApp(providerSettings({ SMS_PROVIDER: 'aliyun' }));
    try {
      const phone = uniqueCnPhone();
      await sendCode(phone, {}, aliyunOnly).expect(202);
      const [message] = aliyunSentTo(phone);
      expect(message).toMatchObject({ signName: '示例商城', templateCode: 'SMS_1' });
      expect(message.templateParam).toEqual({ ttl: '10', code: expect.stringMatching(/^\d{6}$/) });
      expect(await recordOf(phone)).toMatchObject({
        provider: 'aliyun',
        providerMessageId: message.bizId,
        status: 'sent',
      });
    } finally {
      await aliyunOnly.close();
    }
  });

  it.each([
    ['down (connection dropped)', 'down' as const, 'ECONNRESET'],
    ['timing out', 'slow' as const, 'Timeout'],
    ['answering 500', 'error500' as const, 'HTTP_500'],
  ])('fails over to Aliyun when Tencent is %s', async (_case, mode, errorCode) => {
    tencent.setMode(mode);
    const phone = uniqueCnPhone();
    const started = Date.now();
    await sendCode(phone).expect(202);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(aliyunSentTo(phone)).toHaveLength(1);
    const record = await recordOf(phone);
    expect(record).toMatchObject({ provider: 'aliyun', status: 'sent', errorCode: null });
    expect(record.attempts).toEqual([
      expect.objectContaining({ provider: 'tencent', status: 'failed' }),
      expect.objectContaining({ provider: 'aliyun', status: 'sent' }),
    ]);
    if (mode !== 'down') expect(record.attempts[0].errorCode).toBe(errorCode);
    if (mode === 'slow') expect(record.attempts[0].latencyMs).toBeGreaterThanOrEqual(450);
  });

  it('fails over to Aliyun when Tencent refuses the connection', async () => {
    const refusing = await startTestApp(
      providerSettings({ TENCENT_SMS_ENDPOINT: await closedPortUrl() }),
    );
    try {
      const phone = uniqueCnPhone();
      await sendCode(phone, {}, refusing).expect(202);
      const record = await recordOf(phone);
      expect(record.attempts).toEqual([
        expect.objectContaining({
          provider: 'tencent',
          status: 'failed',
          errorCode: 'ECONNREFUSED',
        }),
        expect.objectContaining({ provider: 'aliyun', status: 'sent' }),
      ]);
    } finally {
      await refusing.close();
    }
  });

  it('answers SendFailed when every provider fails, and leaves no usable code', async () => {
    tencent.setMode('down');
    aliyun.setMode('error500');
    const phone = uniqueCnPhone();
    const response = await sendCode(phone).expect(502);
    expect(response.body.code).toBe('SendFailed');
    const record = await recordOf(phone);
    expect(record).toMatchObject({
      status: 'failed',
      provider: 'aliyun',
      errorCode: 'InternalError',
    });
    expect(record.attempts).toHaveLength(2);
    // The resend interval was given back: a retry is allowed at once.
    tencent.setMode('ok');
    aliyun.setMode('ok');
    await sendCode(phone).expect(202);
  });

  it.each([
    ['refuses the number', 'refuse-number' as const, 400, 'PhoneInvalid'],
    ['limits the frequency', 'too-frequent' as const, 429, 'TooFrequent'],
    ['hits the daily limit', 'daily-limit' as const, 429, 'DailyLimitExceeded'],
  ])('does not fail over when Tencent %s', async (_case, mode, status, code) => {
    tencent.setMode(mode);
    const phone = uniqueCnPhone();
    const response = await sendCode(phone).expect(status);
    expect(response.body.code).toBe(code);
    expect(aliyunSentTo(phone)).toHaveLength(0);
    const record = await recordOf(phone);
    expect(record.status).toBe('failed');
    expect(record.attempts).toHaveLength(1);
  });

  it('answers SendFailed for an exhausted balance, keeping the provider code', async () => {
    tencent.setMode({ code: 'FailedOperation.InsufficientBalanceInSmsPackage', level: 'number' });
    const phone = uniqueCnPhone();
    expect((await sendCode(phone).expect(502)).body.code).toBe('SendFailed');
    expect(await recordOf(phone)).toMatchObject({
      status: 'failed',
      provider: 'tencent',
      errorCode: 'FailedOperation.InsufficientBalanceInSmsPackage',
    });
  });

  it('answers SignatureNotApproved when the provider has not approved the signature', async () => {
    const phone = uniqueCnPhone();
    const response = await sendCode(phone, { signature: 'unfiled' }).expect(409);
    expect(response.body.code).toBe('SignatureNotApproved');
    expect((await recordOf(phone)).errorCode).toBe(
      'FailedOperation.SignatureIncorrectOrUnapproved',
    );
  });

  it('answers TemplateNotApproved when the provider has not approved the template', async () => {
    await admin
      .patch(`/v1/admin/sms/templates/${await templateId('login_code')}`, {
        providerTemplateIds: { tencent: '9999', aliyun: 'SMS_1' },
      })
      .expect(200);
    try {
      const phone = uniqueCnPhone();
      const response = await sendCode(phone).expect(409);
      expect(response.body.code).toBe('TemplateNotApproved');
    } finally {
      await admin
        .patch(`/v1/admin/sms/templates/${await templateId('login_code')}`, {
          providerTemplateIds: { tencent: '1110', aliyun: 'SMS_1' },
        })
        .expect(200);
    }
  });

  it('skips a provider that has no id for the template', async () => {
    const phone = uniqueCnPhone();
    await sendCode(phone, { purpose: 'reset_password' }).expect(202);
    expect(aliyunSentTo(phone)).toHaveLength(1);
    expect((await recordOf(phone)).attempts).toEqual([
      {
        provider: 'tencent',
        status: 'failed',
        errorCode: 'MissingTemplateId',
        errorMessage: expect.any(String),
        latencyMs: 0,
      },
      expect.objectContaining({ provider: 'aliyun', status: 'sent' }),
    ]);
  });

  it('answers TemplateNotApproved for the built-in text, which these providers cannot send', async () => {
    const phone = uniqueCnPhone();
    const response = await sendCode(phone, { purpose: 'signup' }).expect(409);
    expect(response.body.code).toBe('TemplateNotApproved');
    expect(tencentSentTo(phone)).toHaveLength(0);
  });

  it('routes by the phone region (SMS_ROUTES)', async () => {
    const routed = await startTestApp(
      providerSettings({ SMS_PROVIDER: 'tencent', SMS_ROUTES: 'US=aliyun' }),
    );
    try {
      const cn = uniqueCnPhone();
      const us = uniqueUsPhone();
      await sendCode(cn, {}, routed).expect(202);
      await sendCode(us, {}, routed).expect(202);
      expect(tencentSentTo(cn)).toHaveLength(1);
      expect(aliyunSentTo(us)).toHaveLength(1);
      expect(tencentSentTo(us)).toHaveLength(0);
      expect(await recordOf(us)).toMatchObject({ provider: 'aliyun', region: 'US' });
    } finally {
      await routed.close();
    }
  });

  it('sends notifications through the providers too', async () => {
    const phone = uniqueCnPhone();
    const sent = await admin
      .post('/v1/admin/sms/messages', { phone, template: 'shipped', variables: { order: 'A1001' } })
      .expect(202);
    const [message] = tencentSentTo(phone);
    expect(message).toMatchObject({ templateId: '2220', templateParams: ['A1001'] });
    expect(sent.body).toEqual({
      id: expect.any(String),
      provider: 'tencent',
      providerMessageId: message.serialNo,
      segments: 1,
      testNumber: false,
    });
  });

  async function templateId(name: string): Promise<string> {
    const page = await admin.get('/v1/admin/sms/templates', { name }).expect(200);
    return page.body.items[0].id;
  }
});
