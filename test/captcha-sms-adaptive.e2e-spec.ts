import { CaptchaAnswers, solveCaptcha } from './support/captcha-answers';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { fakeClock } from './support/clock';

const settings = { CAPTCHA_RATE_LIMIT: '100000', SMS_RESEND_INTERVAL_SECONDS: '0' };

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

    fakeClock();
    jest.setSystemTime(Date.now() + 24 * 60 * 60 * 1000);
    await requestCode(ip).expect(202);
  });
});
