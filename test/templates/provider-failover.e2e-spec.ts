import { uniqueCnPhone } from '../support/phones';
import { startTestApp } from '../support/test-app';
import { closedPortUrl, ProviderFixture } from './provider-fixture';

describe('Failing over between Tencent Cloud and Aliyun, and mapping their refusals', () => {
  const f = new ProviderFixture();

  beforeAll(() => f.start());
  afterEach(() => f.resetModes());
  afterAll(() => f.close());

  // A dropped connection or a timeout after the request was written leaves Tencent's outcome
  // unknown; a code may still fail over (the user may get it twice), and the attempt says so.
  it.each([
    ['down (connection dropped)', 'down' as const, 'ECONNRESET', 'unknown'],
    ['timing out', 'slow' as const, 'Timeout', 'unknown'],
    ['answering 500', 'error500' as const, 'HTTP_500', 'failed'],
  ])('fails over to Aliyun when Tencent is %s', async (_case, mode, errorCode, attempt) => {
    f.tencent.setMode(mode);
    const phone = uniqueCnPhone();
    const started = Date.now();
    await f.sendCode(phone).expect(202);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(f.aliyunSentTo(phone)).toHaveLength(1);
    const record = await f.recordOf(phone);
    expect(record).toMatchObject({ provider: 'aliyun', status: 'sent', errorCode: null });
    expect(record.attempts).toEqual([
      expect.objectContaining({ provider: 'tencent', status: attempt }),
      expect.objectContaining({ provider: 'aliyun', status: 'sent' }),
    ]);
    if (mode !== 'down') expect(record.attempts[0].errorCode).toBe(errorCode);
    if (mode === 'slow') expect(record.attempts[0].latencyMs).toBeGreaterThanOrEqual(450);
  });

  it('fails over to Aliyun when Tencent refuses the connection', async () => {
    const refusing = await startTestApp(
      f.settings({ TENCENT_SMS_ENDPOINT: await closedPortUrl() }),
    );
    try {
      const phone = uniqueCnPhone();
      await f.sendCode(phone, {}, refusing).expect(202);
      const record = await f.recordOf(phone);
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

  it('answers SendFailed when every provider refuses, and gives the reservation back', async () => {
    f.tencent.setMode('error500');
    f.aliyun.setMode('error500');
    const phone = uniqueCnPhone();
    const response = await f.sendCode(phone).expect(502);
    expect(response.body.code).toBe('SendFailed');
    const record = await f.recordOf(phone);
    expect(record).toMatchObject({
      status: 'failed',
      provider: 'aliyun',
      errorCode: 'InternalError',
    });
    expect(record.attempts).toHaveLength(2);
    // Both answered that they did not send: the resend interval was given back.
    f.tencent.setMode('ok');
    f.aliyun.setMode('ok');
    await f.sendCode(phone).expect(202);
  });

  it('keeps the reservation when a provider may have sent the code', async () => {
    f.tencent.setMode('down');
    f.aliyun.setMode('error500');
    const phone = uniqueCnPhone();
    const response = await f.sendCode(phone).expect(502);
    expect(response.body.code).toBe('SendFailed');
    const record = await f.recordOf(phone);
    expect(record).toMatchObject({ status: 'unknown', provider: 'aliyun' });
    expect(record.attempts).toEqual([
      expect.objectContaining({ provider: 'tencent', status: 'unknown' }),
      expect.objectContaining({ provider: 'aliyun', status: 'failed', errorCode: 'InternalError' }),
    ]);
    // Tencent got the request and its answer was lost: the code counts as sent.
    f.tencent.setMode('ok');
    f.aliyun.setMode('ok');
    expect((await f.sendCode(phone).expect(429)).body.code).toBe('TooFrequent');
    expect(f.tencentSentTo(phone)).toHaveLength(0);
  });

  it.each([
    ['refuses the number', 'refuse-number' as const, 400, 'PhoneInvalid'],
    ['limits the frequency', 'too-frequent' as const, 429, 'TooFrequent'],
    ['hits the daily limit', 'daily-limit' as const, 429, 'DailyLimitExceeded'],
  ])('does not fail over when Tencent %s', async (_case, mode, status, code) => {
    f.tencent.setMode(mode);
    const phone = uniqueCnPhone();
    const response = await f.sendCode(phone).expect(status);
    expect(response.body.code).toBe(code);
    expect(f.aliyunSentTo(phone)).toHaveLength(0);
    const record = await f.recordOf(phone);
    expect(record.status).toBe('failed');
    expect(record.attempts).toHaveLength(1);
  });

  it('fails over past an exhausted balance at Tencent, keeping its code', async () => {
    f.tencent.setMode({ code: 'FailedOperation.InsufficientBalanceInSmsPackage', level: 'number' });
    const phone = uniqueCnPhone();
    await f.sendCode(phone).expect(202);
    expect(f.aliyunSentTo(phone)).toHaveLength(1);
    expect((await f.recordOf(phone)).attempts).toEqual([
      expect.objectContaining({
        provider: 'tencent',
        status: 'failed',
        errorCode: 'FailedOperation.InsufficientBalanceInSmsPackage',
      }),
      expect.objectContaining({ provider: 'aliyun', status: 'sent' }),
    ]);
  });

  it('answers SendFailed when both balances are exhausted, keeping the provider code', async () => {
    f.tencent.setMode({ code: 'FailedOperation.InsufficientBalanceInSmsPackage', level: 'number' });
    f.aliyun.setMode({ code: 'isv.AMOUNT_NOT_ENOUGH' });
    const phone = uniqueCnPhone();
    expect((await f.sendCode(phone).expect(502)).body.code).toBe('SendFailed');
    expect(await f.recordOf(phone)).toMatchObject({
      status: 'failed',
      provider: 'aliyun',
      errorCode: 'isv.AMOUNT_NOT_ENOUGH',
    });
    expect((await f.recordOf(phone)).attempts[0]).toMatchObject({
      provider: 'tencent',
      errorCode: 'FailedOperation.InsufficientBalanceInSmsPackage',
    });
    // Neither sent: the reservation was given back.
    f.resetModes();
    await f.sendCode(phone).expect(202);
  });

  it('answers SignatureNotApproved when the provider has not approved the signature', async () => {
    const phone = uniqueCnPhone();
    const response = await f.sendCode(phone, { signature: 'unfiled' }).expect(409);
    expect(response.body.code).toBe('SignatureNotApproved');
    expect((await f.recordOf(phone)).errorCode).toBe(
      'FailedOperation.SignatureIncorrectOrUnapproved',
    );
  });

  it('fails over when Tencent has not approved the template and Aliyun has', async () => {
    await f.admin
      .patch(`/v1/admin/sms/templates/${await f.templateId('login_code')}`, {
        providerTemplateIds: { tencent: '9999', aliyun: 'SMS_1' },
      })
      .expect(200);
    try {
      const phone = uniqueCnPhone();
      await f.sendCode(phone).expect(202);
      expect(f.aliyunSentTo(phone)).toHaveLength(1);
      expect((await f.recordOf(phone)).attempts[0]).toMatchObject({
        provider: 'tencent',
        status: 'failed',
        errorCode: 'FailedOperation.TemplateIncorrectOrUnapproved',
      });
    } finally {
      await f.admin
        .patch(`/v1/admin/sms/templates/${await f.templateId('login_code')}`, {
          providerTemplateIds: { tencent: '1110', aliyun: 'SMS_1' },
        })
        .expect(200);
    }
  });

  it('answers TemplateNotApproved when no provider has approved the template', async () => {
    await f.admin
      .patch(`/v1/admin/sms/templates/${await f.templateId('login_code')}`, {
        providerTemplateIds: { tencent: '9999', aliyun: 'SMS_9999' },
      })
      .expect(200);
    try {
      const phone = uniqueCnPhone();
      const response = await f.sendCode(phone).expect(409);
      expect(response.body.code).toBe('TemplateNotApproved');
    } finally {
      await f.admin
        .patch(`/v1/admin/sms/templates/${await f.templateId('login_code')}`, {
          providerTemplateIds: { tencent: '1110', aliyun: 'SMS_1' },
        })
        .expect(200);
    }
  });
});
