import { randomUUID } from 'node:crypto';
import { startTencentSmsFake } from '../../../../../test/fakes/tencent-sms.fake';
import type {
  TencentSmsFake,
  TencentSmsFakeOptions,
} from '../../../../../test/fakes/tencent-sms.fake';
import type { SendFailure, SendOutcome } from '../sms-provider';
import type { OutgoingSms } from '../sms-provider';
import { TencentSmsProvider } from './tencent-sms.provider';
import type { TencentSmsOptions } from './tencent-sms.provider';

const FAKE_OPTIONS: TencentSmsFakeOptions = {
  secretId: 'AKIDsmsauthtest',
  secretKey: 'tencent-test-secret',
  sdkAppId: '1400006666',
  approvedSignNames: ['腾讯云'],
  approvedTemplates: { '1110': { paramCount: 2, verificationCode: true } },
};

function outgoingSms(overrides: Partial<OutgoingSms> = {}): OutgoingSms {
  return {
    id: randomUUID(),
    phone: '+8613800138000',
    region: 'CN',
    content: '【腾讯云】5分钟内有效，验证码123456',
    purpose: 'login',
    signature: '腾讯云',
    // Declared order differs from alphabetical order on purpose.
    variables: [
      ['minutes', '5'],
      ['code', '123456'],
    ],
    template: { name: 'login-code', providerTemplateIds: { tencent: '1110' } },
    ...overrides,
  };
}

async function failureOf(sending: Promise<SendOutcome>): Promise<SendFailure> {
  const outcome = await sending;
  if (outcome.status === 'accepted') throw new Error('expected the send to fail');
  return outcome;
}

describe('TencentSmsProvider against the Tencent fake', () => {
  let fake: TencentSmsFake;
  const noAbort = new AbortController().signal;

  const provider = (overrides: Partial<TencentSmsOptions> = {}): TencentSmsProvider =>
    new TencentSmsProvider({
      secretId: FAKE_OPTIONS.secretId,
      secretKey: FAKE_OPTIONS.secretKey,
      sdkAppId: FAKE_OPTIONS.sdkAppId,
      region: 'ap-guangzhou',
      endpoint: fake.url,
      timeoutMs: 2000,
      ...overrides,
    });

  beforeAll(async () => {
    fake = await startTencentSmsFake(FAKE_OPTIONS);
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.setMode('ok'));

  it('sends SendSms with positional params and returns the SerialNo', async () => {
    const sms = outgoingSms();

    const result = await provider().send(sms, noAbort);

    const received = fake.requests.at(-1);
    expect(received?.outcome).toBe('Ok');
    expect(received?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
    });
    expect(received?.body).toEqual({
      PhoneNumberSet: ['+8613800138000'],
      SmsSdkAppId: '1400006666',
      SignName: '腾讯云',
      TemplateId: '1110',
      TemplateParamSet: ['5', '123456'],
      SessionContext: sms.id,
    });
    expect(result).toEqual({ status: 'accepted', providerMessageId: fake.sent.at(-1)?.serialNo });
    expect(fake.sent.at(-1)).toMatchObject({ phoneNumber: sms.phone, sessionContext: sms.id });
  });

  it('sends an international number in E.164', async () => {
    await provider().send(outgoingSms({ phone: '+14155550123', region: 'US' }), noAbort);

    expect(fake.requests.at(-1)?.body?.PhoneNumberSet).toEqual(['+14155550123']);
  });

  it('maps a signature failure (wrong secret) to an authentication refusal at this provider, keeping the code', async () => {
    const error = await failureOf(provider({ secretKey: 'wrong' }).send(outgoingSms(), noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      reason: 'authentication_failed',
      providerCode: 'AuthFailure.SignatureFailure',
    });
    expect(error).toMatchObject({ scope: 'provider' });
  });

  it('maps an unknown SecretId', async () => {
    const error = await failureOf(
      provider({ secretId: 'AKIDunknown' }).send(outgoingSms(), noAbort),
    );

    expect(error.providerCode).toBe('AuthFailure.SecretIdNotFound');
  });

  it('maps an unapproved template id to template_not_approved', async () => {
    const sms = outgoingSms({ template: { name: 'x', providerTemplateIds: { tencent: '9999' } } });

    const error = await failureOf(provider().send(sms, noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      reason: 'template_not_approved',
      providerCode: 'FailedOperation.TemplateIncorrectOrUnapproved',
    });
  });

  it('refuses without a request when the template has no Tencent id', async () => {
    const before = fake.requests.length;
    const sms = outgoingSms({ template: { name: 'x', providerTemplateIds: { aliyun: 'SMS_1' } } });

    const error = await failureOf(provider().send(sms, noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      reason: 'template_not_approved',
      providerCode: 'MissingTemplateId',
    });
    expect(fake.requests).toHaveLength(before);
  });

  it('maps an unapproved signature to signature_not_approved', async () => {
    const error = await failureOf(provider().send(outgoingSms({ signature: '未备案' }), noAbort));

    expect(error).toMatchObject({
      reason: 'signature_not_approved',
      providerCode: 'FailedOperation.SignatureIncorrectOrUnapproved',
    });
  });

  it('maps a malformed number to phone_invalid', async () => {
    const error = await failureOf(provider().send(outgoingSms({ phone: '+86123' }), noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      reason: 'invalid_number',
      providerCode: 'InvalidParameterValue.IncorrectPhoneNumber',
    });
  });

  it('maps a number the service refuses to phone_invalid', async () => {
    fake.setMode('refuse-number');

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({ status: 'refused', reason: 'invalid_number', scope: 'message' });
  });

  it('maps a per-number frequency limit to too_frequent', async () => {
    fake.setMode('too-frequent');

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      reason: 'rate_limited',
      window: 'short',
      providerCode: 'LimitExceeded.PhoneNumberThirtySecondLimit',
    });
  });

  it('maps a request-level frequency limit to too_frequent as well', async () => {
    fake.setMode({ code: 'LimitExceeded.PhoneNumberOneHourLimit', level: 'request' });

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({ reason: 'rate_limited', window: 'short' });
  });

  it('maps a daily limit to daily_limit', async () => {
    fake.setMode('daily-limit');

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({ status: 'refused', reason: 'rate_limited', window: 'daily' });
  });

  it('keeps the code of an empty balance as a refusal at this provider', async () => {
    fake.setMode({ code: 'FailedOperation.InsufficientBalanceInSmsPackage', level: 'number' });

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      reason: 'balance_or_account',
      scope: 'provider',
      providerCode: 'FailedOperation.InsufficientBalanceInSmsPackage',
    });
  });

  it('fails over on InternalError', async () => {
    fake.setMode({ code: 'InternalError.Timeout', level: 'request' });

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      scope: 'provider',
      providerCode: 'InternalError.Timeout',
    });
    expect(error).toMatchObject({ scope: 'provider' });
  });

  it('fails over on HTTP 500', async () => {
    fake.setMode('error500');

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({ status: 'refused', scope: 'provider', providerCode: 'HTTP_500' });
  });

  it('reports a dropped connection as transport', async () => {
    fake.setMode('down');

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error.status).toBe('unknown');
  });

  it('reports a refused connection as transport', async () => {
    const closed = await startTencentSmsFake(FAKE_OPTIONS);
    await closed.close();

    const error = await failureOf(provider({ endpoint: closed.url }).send(outgoingSms(), noAbort));

    expect(error).toMatchObject({ status: 'unreached', providerCode: 'ECONNREFUSED' });
  });

  it('gives up on a silent service after timeoutMs', async () => {
    fake.setMode('slow');
    const startedAt = Date.now();

    const error = await failureOf(provider({ timeoutMs: 300 }).send(outgoingSms(), noAbort));

    expect(error).toMatchObject({ status: 'unknown', providerCode: 'Timeout' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
    expect(Date.now() - startedAt).toBeLessThan(800);
  });

  it("stops when the caller's signal aborts", async () => {
    fake.setMode('slow');
    const caller = new AbortController();
    const sending = provider().send(outgoingSms(), caller.signal);
    caller.abort();

    const error = await failureOf(sending);

    expect(error).toMatchObject({ status: 'unknown', providerCode: 'Aborted' });
  });

  it("reports the caller's own deadline as a timeout", async () => {
    fake.setMode('slow');

    const error = await failureOf(provider().send(outgoingSms(), AbortSignal.timeout(100)));

    expect(error).toMatchObject({ status: 'unknown', providerCode: 'Timeout' });
  });

  it('is refused by a service whose clock is 10 minutes ahead', async () => {
    const skewed = await startTencentSmsFake({ ...FAKE_OPTIONS, now: () => Date.now() + 600_000 });
    try {
      const error = await failureOf(
        provider({ endpoint: skewed.url }).send(outgoingSms(), noAbort),
      );

      expect(error).toMatchObject({
        status: 'refused',
        providerCode: 'AuthFailure.SignatureExpire',
      });
    } finally {
      await skewed.close();
    }
  });
});
