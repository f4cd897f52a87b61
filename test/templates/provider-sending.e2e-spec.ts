import { uniqueCnPhone } from '../support/phones';
import { startTestApp } from '../support/test-app';
import { notifyAndSettle } from './catalog-api';
import { ProviderFixture } from './provider-fixture';

let usSequence = 2000;
const uniqueUsPhone = (): string => `+1650253${String(++usSequence).padStart(4, '0')}`;

describe('Sending through Tencent Cloud and Aliyun, and what is recorded', () => {
  const f = new ProviderFixture();

  beforeAll(() => f.start());
  afterEach(() => f.resetModes());
  afterAll(() => f.close());

  it('sends through Tencent, mapping variables to {1}, {2} in the declared order', async () => {
    const phone = uniqueCnPhone();
    await f.sendCode(phone).expect(202);
    const [message] = f.tencentSentTo(phone);
    expect(message).toMatchObject({ signName: '示例商城', templateId: '1110' });
    const [ttl, code] = message.templateParams;
    expect(ttl).toBe('10');
    expect(code).toMatch(/^\d{6}$/);
    expect(f.aliyunSentTo(phone)).toHaveLength(0);

    const record = await f.recordOf(phone);
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
    await f.service
      .http()
      .post('/v1/sms/codes/verify')
      .send({ phone, purpose: 'login', code })
      .expect(200);
  });

  it('sends through Aliyun with the named variables as TemplateParam', async () => {
    const aliyunOnly = await startTestApp(f.settings({ SMS_PROVIDER: 'aliyun' }));
    try {
      const phone = uniqueCnPhone();
      await f.sendCode(phone, {}, aliyunOnly).expect(202);
      const [message] = f.aliyunSentTo(phone);
      expect(message).toMatchObject({ signName: '示例商城', templateCode: 'SMS_1' });
      expect(message.templateParam).toEqual({ ttl: '10', code: expect.stringMatching(/^\d{6}$/) });
      expect(await f.recordOf(phone)).toMatchObject({
        provider: 'aliyun',
        providerMessageId: message.bizId,
        status: 'sent',
      });
    } finally {
      await aliyunOnly.close();
    }
  });

  it('skips a provider that has no id for the template', async () => {
    const phone = uniqueCnPhone();
    await f.sendCode(phone, { purpose: 'operation' }).expect(202);
    expect(f.aliyunSentTo(phone)).toHaveLength(1);
    expect((await f.recordOf(phone)).attempts).toEqual([
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
    const response = await f.sendCode(phone, { purpose: 'signup' }).expect(409);
    expect(response.body.code).toBe('TemplateNotApproved');
    expect(f.tencentSentTo(phone)).toHaveLength(0);
  });

  it('routes by the phone region (SMS_ROUTES)', async () => {
    const routed = await startTestApp(
      f.settings({ SMS_PROVIDER: 'tencent', SMS_ROUTES: 'US=aliyun' }),
    );
    try {
      const cn = uniqueCnPhone();
      const us = uniqueUsPhone();
      await f.sendCode(cn, {}, routed).expect(202);
      await f.sendCode(us, {}, routed).expect(202);
      expect(f.tencentSentTo(cn)).toHaveLength(1);
      expect(f.aliyunSentTo(us)).toHaveLength(1);
      expect(f.tencentSentTo(us)).toHaveLength(0);
      expect(await f.recordOf(us)).toMatchObject({ provider: 'aliyun', region: 'US' });
    } finally {
      await routed.close();
    }
  });

  it('sends notifications through the providers too', async () => {
    const phone = uniqueCnPhone();
    const sent = await notifyAndSettle(f.admin, {
      phone,
      template: 'shipped',
      variables: { order: 'A1001' },
    });
    const [message] = f.tencentSentTo(phone);
    expect(message).toMatchObject({ templateId: '2220', templateParams: ['A1001'] });
    expect(sent).toMatchObject({
      status: 'sent',
      provider: 'tencent',
      providerMessageId: message.serialNo,
      segments: 1,
      testNumber: false,
    });
  });
});
