import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { fakeClock } from './support/clock';

describe('Verification codes: request and verify', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({ ...receiver.settings, SMS_CODE_MAX_ATTEMPTS: '3' });
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  afterEach(() => jest.useRealTimers());

  const requestCode = (body: object) => service.http().post('/v1/sms/codes').send(body);
  const verify = (body: object) => service.http().post('/v1/sms/codes/verify').send(body);

  it('sends a code that verifies once for its phone and purpose', async () => {
    const phone = uniqueCnPhone();
    const sent = await requestCode({ phone }).expect(202);
    expect(sent.body).toEqual({ expiresIn: 600, retryAfter: 60 });

    const code = receiver.lastCodeFor(phone);
    expect(code).toMatch(/^\d{6}$/);
    await verify({ phone, code }).expect(200, { verified: true });
  });

  it.each(['operation', 'signup'])(
    'sends a %s code whatever Authorization says: that purpose needs no session',
    async (purpose) => {
      const phone = uniqueCnPhone();
      const unknownSession = `Bearer ${'A'.repeat(43)}`;
      await service
        .http()
        .post('/v1/sms/codes')
        .set('Authorization', unknownSession)
        .send({ phone, purpose })
        .expect(202);
      expect(receiver.messagesTo(phone)).toHaveLength(1);
    },
  );

  it('renders the message with the signature in front, in the Chinese SMS form', async () => {
    const phone = uniqueCnPhone();
    await requestCode({ phone }).expect(202);
    const [sms] = receiver.messagesTo(phone);
    expect(sms.content).toBe(
      `【Demo】Your verification code is ${sms.variables.code}. It expires in 10 minutes.`,
    );
    expect(sms.purpose).toBe('operation');
    expect(sms.variables).toEqual({ code: sms.variables.code, ttl: '10' });
  });

  it('refuses a replayed code with CodeHasValid', async () => {
    const phone = uniqueCnPhone();
    await requestCode({ phone }).expect(202);
    const code = receiver.lastCodeFor(phone);
    await verify({ phone, code }).expect(200);
    const replay = await verify({ phone, code }).expect(400);
    expect(replay.body).toMatchObject({ statusCode: 400, code: 'CodeHasValid' });
  });

  it('scopes a code to its purpose', async () => {
    const phone = uniqueCnPhone();
    // signup: the account purpose a phone with no account may ask for (UserModule's rules).
    await requestCode({ phone, purpose: 'signup' }).expect(202);
    const code = receiver.lastCodeFor(phone);
    const wrongPurpose = await verify({ phone, code, purpose: 'reset_password' }).expect(400);
    expect(wrongPurpose.body.code).toBe('CodeIsError');
    await verify({ phone, code }).expect(400);
    await verify({ phone, code, purpose: 'signup' }).expect(200);
  });

  it('tells a wrong code, then kills the code after SMS_CODE_MAX_ATTEMPTS wrong tries', async () => {
    const phone = uniqueCnPhone();
    await requestCode({ phone }).expect(202);
    const code = receiver.lastCodeFor(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await verify({ phone, code: wrong }).expect(400);
      expect(response.body.code).toBe('CodeIsError');
    }
    const afterLimit = await verify({ phone, code }).expect(400);
    expect(afterLimit.body.code).toBe('CodeHasValid');
  });

  it('answers CodeIsError when no code was sent to the phone', async () => {
    const response = await verify({ phone: uniqueCnPhone(), code: '123456' }).expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'CodeIsError',
      message: expect.any(String),
    });
  });

  it('answers MissingCode when the code is absent or empty', async () => {
    const phone = uniqueCnPhone();
    expect((await verify({ phone }).expect(400)).body.code).toBe('MissingCode');
    expect((await verify({ phone, code: '' }).expect(400)).body.code).toBe('MissingCode');
  });

  it('tells an expired code apart from a wrong one', async () => {
    const phone = uniqueCnPhone();
    await requestCode({ phone }).expect(202);
    const code = receiver.lastCodeFor(phone);

    fakeClock();
    jest.setSystemTime(Date.now() + 10 * 60_000 + 1000);
    const expired = await verify({ phone, code }).expect(400);
    expect(expired.body.code).toBe('CodeHasExpired');
  });

  it('replaces the previous code when a new one is sent', async () => {
    const fastResend = await startTestApp({
      ...receiver.settings,
      SMS_RESEND_INTERVAL_SECONDS: '0',
    });
    try {
      const phone = uniqueCnPhone();
      await fastResend.http().post('/v1/sms/codes').send({ phone }).expect(202);
      const first = receiver.lastCodeFor(phone);
      await fastResend.http().post('/v1/sms/codes').send({ phone }).expect(202);
      const second = receiver.lastCodeFor(phone);
      if (first !== second) {
        const old = await fastResend
          .http()
          .post('/v1/sms/codes/verify')
          .send({ phone, code: first });
        expect(old.body.code).toBe('CodeIsError');
      }
      await fastResend
        .http()
        .post('/v1/sms/codes/verify')
        .send({ phone, code: second })
        .expect(200);
    } finally {
      await fastResend.close();
    }
  });

  describe('phone numbers', () => {
    it.each([
      ['E.164', (national: string) => `+86${national}`],
      ['country code without plus', (national: string) => `86${national}`],
      ['national number in SMS_DEFAULT_REGION', (national: string) => national],
      [
        'with separators',
        (national: string) =>
          `+86 ${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`,
      ],
    ])('accepts the %s form and stores E.164', async (_form, format) => {
      const e164 = uniqueCnPhone();
      const national = e164.slice(3);
      await requestCode({ phone: format(national) }).expect(202);
      expect(receiver.messagesTo(e164)).toHaveLength(1);
      await verify({ phone: format(national), code: receiver.lastCodeFor(e164) }).expect(200);
    });

    it.each([
      ['letters', 'call-me-maybe'],
      ['a landline', '+861062345678'],
      ['too short', '+86138'],
      ['full-width digits', '＋８６１３８００１３８０００'],
      ['Arabic-Indic digits', '+٨٦١٣٨٠٠١٣٨٠٠٠'],
      ['an emoji', '+8613800138000😀'],
      ['a number of no country', '+999123456789'],
    ])('refuses %s with PhoneInvalid', async (_kind, phone) => {
      const response = await requestCode({ phone }).expect(400);
      expect(response.body.code).toBe('PhoneInvalid');
    });

    it('refuses regions outside SMS_ALLOWED_REGIONS with RegionNotAllowed', async () => {
      const cnOnly = await startTestApp({ ...receiver.settings, SMS_ALLOWED_REGIONS: 'CN,HK' });
      try {
        const us = await cnOnly
          .http()
          .post('/v1/sms/codes')
          .send({ phone: '+12015550123' })
          .expect(400);
        expect(us.body.code).toBe('RegionNotAllowed');
        await cnOnly.http().post('/v1/sms/codes').send({ phone: uniqueCnPhone() }).expect(202);
      } finally {
        await cnOnly.close();
      }
    });
  });
});
