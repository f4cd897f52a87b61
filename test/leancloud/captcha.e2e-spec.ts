import type AVType from 'leancloud-storage';
import { CaptchaAnswers } from '../support/captcha-answers';
import {
  initSdk,
  LEANCLOUD_APP,
  leanCloudSettings,
  sdkError,
  signedHeaders,
} from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('LeanCloud /1.1: captcha before SMS, through the official SDK', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let serverURL: string;
  let answers: CaptchaAnswers;
  let AV: typeof AVType;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({
      ...receiver.settings,
      ...leanCloudSettings,
      SMS_REQUIRE_CAPTCHA: 'true',
    });
    answers = new CaptchaAnswers(service.app);
    serverURL = await service.listen();
    AV = initSdk(serverURL);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  it('draws a captcha whose URL serves the PNG, and trades the answer for a validate token', async () => {
    const captcha = await AV.Captcha.request({ width: 100, height: 50 });
    expect(captcha.captchaToken).toEqual(expect.any(String));
    expect(captcha.url.startsWith(`${serverURL}/1.1/captchaImage?`)).toBe(true);

    const image = await fetch(captcha.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await image.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);

    const validateToken = await captcha.verify(answers.last);
    expect(validateToken).toEqual(expect.any(String));

    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone, { validateToken });
    expect(receiver.messagesTo(phone)).toHaveLength(1);
  });

  it('answers 608 without a validate token when SMS_REQUIRE_CAPTCHA is on', async () => {
    const phone = uniqueCnPhone();
    const error = await sdkError(AV.Cloud.requestSmsCode(phone));
    expect(error.code).toBe(608);
    expect(error.rawMessage).toBe('Missing validate token.');
    expect(receiver.messagesTo(phone)).toHaveLength(0);
  });

  it('answers 608 to a spent validate token, and to a wrong answer', async () => {
    const captcha = await AV.Captcha.request();
    const validateToken = await captcha.verify(answers.last);
    await AV.Cloud.requestSmsCode(uniqueCnPhone(), { validateToken });
    expect((await sdkError(AV.Cloud.requestSmsCode(uniqueCnPhone(), { validateToken }))).code).toBe(
      608,
    );

    const another = await AV.Captcha.request();
    expect((await sdkError(another.verify(answers.wrong))).code).toBe(608);
  });

  it('lets the SDK refresh a captcha', async () => {
    const captcha = await AV.Captcha.request();
    const first = captcha.captchaToken;
    await captcha.refresh();
    expect(captcha.captchaToken).not.toBe(first);
    await expect(captcha.verify(answers.last)).resolves.toEqual(expect.any(String));
  });

  it('keeps size and ttl for the Master Key, as LeanCloud did', async () => {
    const asApp = await service
      .http()
      .get('/1.1/requestCaptcha?size=5&ttl=30')
      .set(signedHeaders())
      .expect(400);
    expect(asApp.body.code).toBe(119);
    const asMaster = await service
      .http()
      .get('/1.1/requestCaptcha?size=5&ttl=30')
      .set(signedHeaders(LEANCLOUD_APP.masterKey, 'master'))
      .expect(200);
    expect(asMaster.body).toEqual({
      captcha_token: expect.any(String),
      captcha_url: expect.any(String),
    });
    expect(answers.last).toHaveLength(5);
  });

  it.each([
    ['a width out of bounds', '?width=5000'],
    ['a width that is not a number', '?width=wide'],
  ])('answers %s with 107', async (_case, query) => {
    const response = await service.http().get(`/1.1/requestCaptcha${query}`).set(signedHeaders());
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(107);
  });

  it('serves no image for an unknown token or another app', async () => {
    const unknown = await service
      .http()
      .get(`/1.1/captchaImage?appId=${LEANCLOUD_APP.appId}&token=nope`)
      .expect(404);
    expect(unknown.body.code).toBe(1);
    const captcha = await AV.Captcha.request();
    const url = new URL(captcha.url);
    url.searchParams.set('appId', 'anotherApp');
    const other = await fetch(url);
    expect(other.status).toBe(401);
    await expect(other.json()).resolves.toEqual({ code: 401, error: 'Unauthorized.' });
  });
});
