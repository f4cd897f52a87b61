import { CaptchaAnswers, solveCaptcha } from './support/captcha-answers';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

const settings = { CAPTCHA_RATE_LIMIT: '100000', SMS_RESEND_INTERVAL_SECONDS: '0' };

describe('Captcha before SMS: SMS_REQUIRE_CAPTCHA', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let answers: CaptchaAnswers;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({
      ...receiver.settings,
      ...settings,
      SMS_REQUIRE_CAPTCHA: 'true',
    });
    answers = new CaptchaAnswers(service.app);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  const requestCode = (body: object) => service.http().post('/v1/sms/codes').send(body);

  it('refuses a request without a validate token with 403 CaptchaRequired, sending nothing', async () => {
    const phone = uniqueCnPhone();
    for (const body of [{ phone }, { phone, validateToken: '' }, { phone, validateToken: '  ' }]) {
      const response = await requestCode(body).expect(403);
      expect(response.body).toEqual({
        statusCode: 403,
        code: 'CaptchaRequired',
        message: expect.any(String),
      });
    }
    expect(receiver.messagesTo(phone)).toHaveLength(0);
  });

  it('lets exactly one request through per solved captcha', async () => {
    const validateToken = await solveCaptcha(service, answers);
    const phone = uniqueCnPhone();
    await requestCode({ phone, validateToken }).expect(202);
    expect(receiver.messagesTo(phone)).toHaveLength(1);

    const other = uniqueCnPhone();
    const replay = await requestCode({ phone: other, validateToken }).expect(400);
    expect(replay.body.code).toBe('CaptchaInvalid');
    const sameAgain = await requestCode({ phone, validateToken }).expect(400);
    expect(sameAgain.body.code).toBe('CaptchaInvalid');
    expect(receiver.messagesTo(other)).toHaveLength(0);
    expect(receiver.messagesTo(phone)).toHaveLength(1);
  });

  it('refuses an unknown validate token, and a captcha token used as one, with CaptchaInvalid', async () => {
    const phone = uniqueCnPhone();
    const unknown = await requestCode({ phone, validateToken: 'A'.repeat(32) }).expect(400);
    expect(unknown.body.code).toBe('CaptchaInvalid');

    const issued = await service.http().post('/v1/captcha').expect(201);
    const swapped = await requestCode({ phone, validateToken: issued.body.captchaToken }).expect(
      400,
    );
    expect(swapped.body.code).toBe('CaptchaInvalid');
    expect(receiver.messagesTo(phone)).toHaveLength(0);
  });

  it('sends one code for 10 parallel requests sharing one validate token', async () => {
    const validateToken = await solveCaptcha(service, answers);
    const phones = Array.from({ length: 10 }, () => uniqueCnPhone());
    const responses = await Promise.all(
      phones.map((phone) => requestCode({ phone, validateToken })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([202, ...Array<number>(9).fill(400)]);
    const refusals = responses.filter((response) => response.status === 400);
    expect(new Set(refusals.map((response) => response.body.code))).toEqual(
      new Set(['CaptchaInvalid']),
    );
    const sent = phones.filter((phone) => receiver.messagesTo(phone).length > 0);
    expect(sent).toHaveLength(1);
  });

  it('checks the captcha before the phone limits: a refused request leaves no trace', async () => {
    const strict = await startTestApp({
      ...receiver.settings,
      ...settings,
      SMS_REQUIRE_CAPTCHA: 'true',
      SMS_RESEND_INTERVAL_SECONDS: '60',
    });
    try {
      const strictAnswers = new CaptchaAnswers(strict.app);
      const phone = uniqueCnPhone();
      await strict.http().post('/v1/sms/codes').send({ phone }).expect(403);
      const validateToken = await solveCaptcha(strict, strictAnswers);
      await strict.http().post('/v1/sms/codes').send({ phone, validateToken }).expect(202);
    } finally {
      await strict.close();
    }
  });

  it('documents validateToken on POST /v1/sms/codes', async () => {
    const { body: doc } = await service.http().get('/docs-json').expect(200);
    expect(doc.components.schemas.RequestCodeDto.properties.validateToken).toMatchObject({
      type: 'string',
      maxLength: 128,
    });
    expect(doc.components.schemas.RequestCodeDto.required).toEqual(['phone']);
  });

  it.each([
    ['a number', 12345],
    ['an object', { $ne: null }],
    ['129 characters', 'a'.repeat(129)],
  ])('refuses a validate token that is %s with InValidParam', async (_case, validateToken) => {
    const response = await requestCode({ phone: uniqueCnPhone(), validateToken }).expect(400);
    expect(response.body.code).toBe('InValidParam');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([{ field: 'validateToken', message: expect.any(String) }]),
    );
    expect(
      response.body.errors.every((error: { field: string }) => error.field === 'validateToken'),
    ).toBe(true);
  });
});

describe('Captcha before SMS: expired validate token', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let answers: CaptchaAnswers;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({
      ...receiver.settings,
      ...settings,
      SMS_REQUIRE_CAPTCHA: 'true',
      CAPTCHA_VALIDATE_TTL_SECONDS: '1',
    });
    answers = new CaptchaAnswers(service.app);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  it('refuses a validate token past CAPTCHA_VALIDATE_TTL_SECONDS with CaptchaInvalid', async () => {
    const issued = await service.http().post('/v1/captcha').expect(201);
    const verified = await service
      .http()
      .post('/v1/captcha/verify')
      .send({ captchaToken: issued.body.captchaToken, answer: answers.last })
      .expect(200);
    expect(verified.body.expiresIn).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const phone = uniqueCnPhone();
    const late = await service
      .http()
      .post('/v1/sms/codes')
      .send({ phone, validateToken: verified.body.validateToken })
      .expect(400);
    expect(late.body.code).toBe('CaptchaInvalid');
    expect(receiver.messagesTo(phone)).toHaveLength(0);
  });
});

describe('Captcha before SMS: neither setting', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let answers: CaptchaAnswers;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({ ...receiver.settings, ...settings });
    answers = new CaptchaAnswers(service.app);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  const requestCode = (body: object) => service.http().post('/v1/sms/codes').send(body);

  it('sends without a captcha', async () => {
    await requestCode({ phone: uniqueCnPhone() }).expect(202);
  });

  it('still checks and spends a validate token a client sends', async () => {
    const validateToken = await solveCaptcha(service, answers);
    await requestCode({ phone: uniqueCnPhone(), validateToken }).expect(202);
    const replay = await requestCode({ phone: uniqueCnPhone(), validateToken }).expect(400);
    expect(replay.body.code).toBe('CaptchaInvalid');
  });
});
