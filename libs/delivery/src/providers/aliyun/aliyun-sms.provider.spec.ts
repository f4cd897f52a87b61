import { randomUUID } from 'node:crypto';
import { startAliyunSmsFake } from '../../../../../test/fakes/aliyun-sms.fake';
import type {
  AliyunSmsFake,
  AliyunSmsFakeOptions,
} from '../../../../../test/fakes/aliyun-sms.fake';
import type { SendFailure, SendOutcome } from '../sms-provider';
import type { OutgoingSms } from '../sms-provider';
import { AliyunSmsProvider, toAliyunPhoneNumber } from './aliyun-sms.provider';
import type { AliyunSmsOptions } from './aliyun-sms.provider';

const FAKE_OPTIONS: AliyunSmsFakeOptions = {
  accessKeyId: 'LTAIsmsauthtest',
  accessKeySecret: 'aliyun-test-secret',
  approvedSignNames: ['阿里云'],
  approvedTemplates: { SMS_15305001: { variables: ['code', 'minutes'] } },
};

function outgoingSms(overrides: Partial<OutgoingSms> = {}): OutgoingSms {
  return {
    id: randomUUID(),
    phone: '+8613800138000',
    region: 'CN',
    content: '【阿里云】验证码123456，5分钟内有效',
    purpose: 'login',
    signature: '阿里云',
    variables: [
      ['code', '123456'],
      ['minutes', '5'],
    ],
    template: { name: 'login-code', providerTemplateIds: { aliyun: 'SMS_15305001' } },
    ...overrides,
  };
}

async function failureOf(sending: Promise<SendOutcome>): Promise<SendFailure> {
  const outcome = await sending;
  if (outcome.status === 'accepted') throw new Error('expected the send to fail');
  return outcome;
}

describe('toAliyunPhoneNumber', () => {
  it.each([
    ['+8613800138000', '13800138000'],
    ['+85261234567', '85261234567'],
    ['+14155550123', '14155550123'],
  ])('writes %s as %s', (e164, expected) => {
    expect(toAliyunPhoneNumber(e164)).toBe(expected);
  });
});

describe('AliyunSmsProvider against the Aliyun fake', () => {
  let fake: AliyunSmsFake;
  const noAbort = new AbortController().signal;

  const provider = (overrides: Partial<AliyunSmsOptions> = {}): AliyunSmsProvider =>
    new AliyunSmsProvider({
      accessKeyId: FAKE_OPTIONS.accessKeyId,
      accessKeySecret: FAKE_OPTIONS.accessKeySecret,
      endpoint: fake.url,
      timeoutMs: 2000,
      ...overrides,
    });

  beforeAll(async () => {
    fake = await startAliyunSmsFake(FAKE_OPTIONS);
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.setMode('ok'));

  it('sends SendSms with named params and returns the BizId', async () => {
    const sms = outgoingSms();

    const result = await provider().send(sms, noAbort);

    const received = fake.requests.at(-1);
    expect(received?.outcome).toBe('OK');
    expect(received?.headers).toMatchObject({
      'x-acs-action': 'SendSms',
      'x-acs-version': '2017-05-25',
      accept: 'application/json',
    });
    expect(received?.rawBody).toBe('');
    expect(received?.query).toEqual({
      PhoneNumbers: '13800138000',
      SignName: '阿里云',
      TemplateCode: 'SMS_15305001',
      TemplateParam: '{"code":"123456","minutes":"5"}',
      OutId: sms.id,
    });
    expect(result).toEqual({ status: 'accepted', providerMessageId: fake.sent.at(-1)?.bizId });
    expect(fake.sent.at(-1)).toMatchObject({ outId: sms.id, templateParam: { code: '123456' } });
  });

  it('signs values that need strict encoding and uses a fresh nonce per send', async () => {
    const tricky = outgoingSms({
      variables: [
        ['code', "1(2)3!*'~ +&="],
        ['minutes', '5'],
      ],
    });

    await provider().send(tricky, noAbort);
    await provider().send(outgoingSms(), noAbort);

    expect(fake.requests.slice(-2).map((request) => request.outcome)).toEqual(['OK', 'OK']);
    expect(fake.sent.at(-2)?.templateParam.code).toBe("1(2)3!*'~ +&=");
  });

  it('sends an international number with its country code and no +', async () => {
    await provider().send(outgoingSms({ phone: '+85261234567', region: 'HK' }), noAbort);

    expect(fake.requests.at(-1)?.query.PhoneNumbers).toBe('85261234567');
  });

  it('maps a signature mismatch (wrong secret) to an authentication refusal at this provider, keeping the code', async () => {
    const error = await failureOf(
      provider({ accessKeySecret: 'wrong' }).send(outgoingSms(), noAbort),
    );

    expect(error).toMatchObject({
      status: 'refused',
      reason: 'authentication_failed',
      providerCode: 'SignatureDoesNotMatch',
    });
  });

  it('maps an unknown AccessKey id', async () => {
    const error = await failureOf(
      provider({ accessKeyId: 'LTAIunknown' }).send(outgoingSms(), noAbort),
    );

    expect(error.providerCode).toBe('InvalidAccessKeyId.NotFound');
  });

  it('maps an unknown template code to template_not_approved', async () => {
    const sms = outgoingSms({
      template: { name: 'x', providerTemplateIds: { aliyun: 'SMS_404' } },
    });

    const error = await failureOf(provider().send(sms, noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      reason: 'template_not_approved',
      providerCode: 'isv.SMS_TEMPLATE_ILLEGAL',
    });
  });

  it('refuses without a request when the template has no Aliyun code', async () => {
    const before = fake.requests.length;

    const error = await failureOf(provider().send(outgoingSms({ template: undefined }), noAbort));

    expect(error).toMatchObject({
      reason: 'template_not_approved',
      providerCode: 'MissingTemplateId',
    });
    expect(fake.requests).toHaveLength(before);
  });

  it('maps an unapproved signature to signature_not_approved', async () => {
    const error = await failureOf(provider().send(outgoingSms({ signature: '未备案' }), noAbort));

    expect(error).toMatchObject({
      reason: 'signature_not_approved',
      providerCode: 'isv.SMS_SIGNATURE_ILLEGAL',
    });
  });

  it('maps a missing template variable', async () => {
    const sms = outgoingSms({ variables: [['code', '123456']] });

    const error = await failureOf(provider().send(sms, noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      providerCode: 'isv.TEMPLATE_MISSING_PARAMETERS',
    });
  });

  it('maps a malformed number to phone_invalid', async () => {
    const error = await failureOf(provider().send(outgoingSms({ phone: '+86123' }), noAbort));

    expect(error).toMatchObject({
      reason: 'invalid_number',
      providerCode: 'isv.MOBILE_NUMBER_ILLEGAL',
    });
  });

  it('maps a number the service refuses to phone_invalid', async () => {
    fake.setMode('refuse-number');

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({ status: 'refused', reason: 'invalid_number', scope: 'message' });
  });

  it('maps minute-level flow control to too_frequent', async () => {
    fake.setMode('too-frequent');

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      reason: 'rate_limited',
      window: 'short',
      providerCode: 'isv.BUSINESS_LIMIT_CONTROL',
    });
  });

  it('maps day-level flow control to daily_limit', async () => {
    fake.setMode('daily-limit');

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({
      reason: 'rate_limited',
      window: 'daily',
      providerCode: 'isv.BUSINESS_LIMIT_CONTROL',
    });
  });

  it('keeps the code of an empty balance as a refusal at this provider', async () => {
    fake.setMode({ code: 'isv.AMOUNT_NOT_ENOUGH' });

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      reason: 'balance_or_account',
      scope: 'provider',
      providerCode: 'isv.AMOUNT_NOT_ENOUGH',
    });
  });

  it('fails over when the gateway throttles the account', async () => {
    fake.setMode('throttled');

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      scope: 'provider',
      providerCode: 'Throttling.User',
    });
  });

  it('fails over on HTTP 500', async () => {
    fake.setMode('error500');

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      scope: 'provider',
      providerCode: 'InternalError',
    });
    expect(error).toMatchObject({ scope: 'provider' });
  });

  it('fails over on ServiceUnavailable', async () => {
    fake.setMode({ code: 'ServiceUnavailable', httpStatus: 503 });

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error).toMatchObject({
      status: 'refused',
      scope: 'provider',
      providerCode: 'ServiceUnavailable',
    });
  });

  it('reports a dropped connection as transport', async () => {
    fake.setMode('down');

    const error = await failureOf(provider().send(outgoingSms(), noAbort));

    expect(error.status).toBe('unknown');
  });

  it('gives up on a silent service after timeoutMs', async () => {
    fake.setMode('slow');
    const startedAt = Date.now();

    const error = await failureOf(provider({ timeoutMs: 300 }).send(outgoingSms(), noAbort));

    expect(error).toMatchObject({ status: 'unknown', providerCode: 'Timeout' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
    expect(Date.now() - startedAt).toBeLessThan(800);
  });

  it('is refused by a service whose clock is 20 minutes behind', async () => {
    const skewed = await startAliyunSmsFake({ ...FAKE_OPTIONS, now: () => Date.now() - 1_200_000 });
    try {
      const error = await failureOf(
        provider({ endpoint: skewed.url }).send(outgoingSms(), noAbort),
      );

      expect(error).toMatchObject({ status: 'refused', providerCode: 'InvalidTimeStamp.Expired' });
    } finally {
      await skewed.close();
    }
  });
});
