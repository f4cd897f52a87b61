import { CaptchaAnswers } from './support/captcha-answers';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/** A captcha solved over HTTP: its validate token. */
async function solveCaptcha(
  service: TestApp,
  answers: CaptchaAnswers,
  ip?: string,
): Promise<string> {
  const withIp = <T extends { set(name: string, value: string): T }>(test: T): T =>
    ip ? test.set('X-Forwarded-For', ip) : test;
  const issued = await withIp(service.http().post('/v1/captcha')).expect(201);
  const verified = await withIp(service.http().post('/v1/captcha/verify'))
    .send({ captchaToken: issued.body.captchaToken, answer: answers.last })
    .expect(200);
  return verified.body.validateToken as string;
}

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

describe('Captcha before SMS: SMS_CAPTCHA_AFTER (adaptive)', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let answers: CaptchaAnswers;
  let ipSequence = 0;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({
      ...receiver.settings,
      ...settings,
      SMS_CAPTCHA_AFTER: '2',
      TRUST_PROXY: 'true',
    });
    answers = new CaptchaAnswers(service.app);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  afterEach(() => jest.useRealTimers());

  /** Each test is its own client address, so their daily counts stay apart. */
  const newIp = (): string => `198.51.100.${++ipSequence}`;
  const requestCode = (ip: string, body: object = {}) =>
    service
      .http()
      .post('/v1/sms/codes')
      .set('X-Forwarded-For', ip)
      .send({ phone: uniqueCnPhone(), ...body });

  it('lets an IP request 2 codes a day without a captcha; the third needs one', async () => {
    const ip = newIp();
    await requestCode(ip).expect(202);
    await requestCode(ip).expect(202);
    const third = await requestCode(ip).expect(403);
    expect(third.body.code).toBe('CaptchaRequired');

    const validateToken = await solveCaptcha(service, answers, ip);
    await requestCode(ip, { validateToken }).expect(202);
    await requestCode(ip).expect(403);
  });

  it('counts each IP apart', async () => {
    const busy = newIp();
    for (let i = 0; i < 2; i++) await requestCode(busy).expect(202);
    await requestCode(busy).expect(403);
    await requestCode(newIp()).expect(202);
  });

  it('spends a token sent before one is needed, without using a free request', async () => {
    const ip = newIp();
    const validateToken = await solveCaptcha(service, answers, ip);
    await requestCode(ip, { validateToken }).expect(202);
    const replay = await requestCode(ip, { validateToken }).expect(400);
    expect(replay.body.code).toBe('CaptchaInvalid');
    await requestCode(ip).expect(202);
    await requestCode(ip).expect(202);
    await requestCode(ip).expect(403);
  });

  it('lets exactly 2 of 10 parallel requests through without a captcha', async () => {
    const ip = newIp();
    const responses = await Promise.all(Array.from({ length: 10 }, () => requestCode(ip)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([202, 202, ...Array<number>(8).fill(403)]);
    const refusals = responses.filter((response) => response.status === 403);
    expect(new Set(refusals.map((response) => response.body.code))).toEqual(
      new Set(['CaptchaRequired']),
    );
  });

  it('starts again on the next UTC day', async () => {
    const ip = newIp();
    for (let i = 0; i < 2; i++) await requestCode(ip).expect(202);
    await requestCode(ip).expect(403);

    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'setTimeout',
        'setInterval',
        'queueMicrotask',
        'clearTimeout',
        'clearInterval',
        'clearImmediate',
        'hrtime',
        'performance',
      ],
    });
    jest.setSystemTime(Date.now() + 24 * 60 * 60 * 1000);
    await requestCode(ip).expect(202);
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
