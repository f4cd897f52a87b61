import {
  TURNSTILE_FAKE_SECRET,
  TURNSTILE_FAKE_SITE_KEY,
  TurnstileFake,
} from './fakes/turnstile.fake';
import { LogCapture } from './support/log-capture';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

describe('Captcha: Cloudflare Turnstile (against a local siteverify fake)', () => {
  const turnstile = new TurnstileFake();
  const receiver = new WebhookReceiver();
  const logs = new LogCapture();
  let service: TestApp;
  let tokenSequence = 0;

  beforeAll(async () => {
    await Promise.all([turnstile.start(), receiver.start()]);
    service = await startTestApp(
      {
        ...turnstile.settings,
        ...receiver.settings,
        SMS_REQUIRE_CAPTCHA: 'true',
        // Long enough for a loaded CI machine; the hanging fake still outlasts it.
        CAPTCHA_PROVIDER_TIMEOUT_MS: '2000',
        CAPTCHA_RATE_LIMIT: '100000',
        LOG_LEVEL: 'debug',
      },
      { logDestination: logs },
    );
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([turnstile.stop(), receiver.stop()]);
  });

  afterEach(() => {
    turnstile.mode = 'ok';
  });

  /** A token as the widget would hand the client: long, opaque, accepted once. */
  const widgetToken = () => `valid-${++tokenSequence}-${'x'.repeat(600)}`;
  const verify = (body: object) => service.http().post('/v1/captcha/verify').send(body);

  it('answers POST /v1/captcha with 404 CaptchaHosted: the widget draws the challenge', async () => {
    const response = await service.http().post('/v1/captcha').expect(404);
    expect(response.body).toEqual({
      statusCode: 404,
      code: 'CaptchaHosted',
      message: expect.stringContaining('turnstile'),
    });
  });

  it('turns a widget token into a validate token that lets one SMS request through', async () => {
    const captchaToken = widgetToken();
    const verified = await verify({ captchaToken }).expect(200);
    expect(verified.body).toEqual({ validateToken: expect.any(String), expiresIn: 300 });

    const call = turnstile.calls[turnstile.calls.length - 1];
    expect(call.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(call.form).toEqual({
      secret: TURNSTILE_FAKE_SECRET,
      response: captchaToken,
      remoteip: expect.stringMatching(/127\.0\.0\.1$/),
    });

    const phone = uniqueCnPhone();
    const { validateToken } = verified.body;
    await service.http().post('/v1/sms/codes').send({ phone, validateToken }).expect(202);
    const replay = await service
      .http()
      .post('/v1/sms/codes')
      .send({ phone: uniqueCnPhone(), validateToken })
      .expect(400);
    expect(replay.body.code).toBe('CaptchaInvalid');
    expect(receiver.messagesTo(phone)).toHaveLength(1);
  });

  it('refuses a token siteverify rejects, and a replayed one, with CaptchaInvalid', async () => {
    const forged = await verify({ captchaToken: 'forged-token' }).expect(400);
    expect(forged.body.code).toBe('CaptchaInvalid');

    const captchaToken = widgetToken();
    await verify({ captchaToken }).expect(200);
    const replay = await verify({ captchaToken }).expect(400);
    expect(replay.body.code).toBe('CaptchaInvalid');
  });

  it('checks neither hostname nor action while TURNSTILE_EXPECTED_* are unset, and warns once', async () => {
    const captchaToken = turnstile.solvedOn('elsewhere.example', 'any_action');
    await verify({ captchaToken }).expect(200);
    expect(logs.text).toContain(
      'TURNSTILE_EXPECTED_HOSTNAMES is unset: a token solved on any hostname the site key allows passes',
    );
  });

  it('tells clients to draw Turnstile with its site key, never the secret', async () => {
    const response = await service.http().get('/v1/captcha/config').expect(200);
    expect(response.body).toEqual({
      provider: 'turnstile',
      siteKey: TURNSTILE_FAKE_SITE_KEY,
      smsCaptcha: 'always',
    });
    expect(response.text).not.toContain(TURNSTILE_FAKE_SECRET);
  });

  it('ignores an answer: the hosted token is the proof', async () => {
    await verify({ captchaToken: widgetToken(), answer: 'ACEH' }).expect(200);
  });

  it.each([
    ['siteverify answers 500', 'error500'],
    ['siteverify answers an HTML page', 'html'],
    ['the connection drops', 'drop'],
    ['siteverify does not answer within the timeout', 'hang'],
  ] as const)('fails closed with 503 CaptchaUnavailable when %s', async (_case, mode) => {
    turnstile.mode = mode;
    const response = await verify({ captchaToken: widgetToken() }).expect(503);
    expect(response.body).toEqual({
      statusCode: 503,
      code: 'CaptchaUnavailable',
      message: expect.any(String),
    });
  });

  it('fails closed, and says so in the log, when siteverify refuses our secret', async () => {
    const misconfigured = await startTestApp(
      { ...turnstile.settings, TURNSTILE_SECRET_KEY: 'not-the-secret', LOG_LEVEL: 'error' },
      { logDestination: logs },
    );
    try {
      const response = await misconfigured
        .http()
        .post('/v1/captcha/verify')
        .send({ captchaToken: widgetToken() })
        .expect(503);
      expect(response.body.code).toBe('CaptchaUnavailable');
      expect(logs.lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            level: 50,
            msg: 'Turnstile siteverify unusable: siteverify answered invalid-input-secret',
          }),
        ]),
      );
    } finally {
      await misconfigured.close();
    }
  });

  it('never writes the secret or a token to the log', async () => {
    const captchaToken = widgetToken();
    const { validateToken } = (await verify({ captchaToken }).expect(200)).body;
    await verify({ captchaToken: 'forged-token-for-the-log' }).expect(400);

    expect(logs.lines.filter((line) => line.route === '/v1/captcha/verify')).not.toHaveLength(0);
    expect(logs.text).toContain('Turnstile refused a token: invalid-input-response');
    expect(logs.text).not.toContain(TURNSTILE_FAKE_SECRET);
    expect(logs.text).not.toContain(captchaToken.slice(0, 20));
    expect(logs.text).not.toContain('forged-token-for-the-log');
    expect(logs.text).not.toContain(validateToken);
  });
});

describe('Captcha: Turnstile tokens bound to our hostnames and action', () => {
  const turnstile = new TurnstileFake();
  const receiver = new WebhookReceiver();
  const logs = new LogCapture();
  let service: TestApp;

  beforeAll(async () => {
    await Promise.all([turnstile.start(), receiver.start()]);
    service = await startTestApp(
      {
        ...turnstile.settings,
        ...receiver.settings,
        SMS_REQUIRE_CAPTCHA: 'true',
        TURNSTILE_EXPECTED_HOSTNAMES: 'app.example.com, WWW.example.com',
        TURNSTILE_EXPECTED_ACTION: 'sms_code',
        CAPTCHA_RATE_LIMIT: '100000',
        LOG_LEVEL: 'info',
      },
      { logDestination: logs },
    );
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([turnstile.stop(), receiver.stop()]);
  });

  const verify = (captchaToken: string) =>
    service.http().post('/v1/captcha/verify').send({ captchaToken });

  /** Refused as a wrong captcha, with no validate token, and the log says why but not the token. */
  async function expectRefused(captchaToken: string, why: string): Promise<void> {
    const response = await verify(captchaToken).expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'CaptchaInvalid',
      message: expect.any(String),
    });
    expect(turnstile.calls.map((call) => call.form.response)).toContain(captchaToken);
    expect(logs.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 40, msg: `Turnstile token refused: ${why}` }),
      ]),
    );
    expect(logs.text).not.toContain(captchaToken.slice(0, 24));
  }

  it('passes a token solved on one of our hostnames for our action; its validate token sends a code', async () => {
    for (const hostname of ['app.example.com', 'www.example.com']) {
      const verified = await verify(turnstile.solvedOn(hostname, 'sms_code')).expect(200);
      const phone = uniqueCnPhone();
      await service
        .http()
        .post('/v1/sms/codes')
        .send({ phone, validateToken: verified.body.validateToken })
        .expect(202);
      expect(receiver.messagesTo(phone)).toHaveLength(1);
    }
  });

  it('refuses a token solved on another hostname with CaptchaInvalid', async () => {
    await expectRefused(
      turnstile.solvedOn('phishing.example.net', 'sms_code'),
      'solved on hostname "phishing.example.net", expected one of app.example.com, www.example.com',
    );
  });

  it('refuses a subdomain of ours and a look-alike suffix: each hostname is exact', async () => {
    await expectRefused(
      turnstile.solvedOn('evil.app.example.com', 'sms_code'),
      'solved on hostname "evil.app.example.com", expected one of app.example.com, www.example.com',
    );
    await expectRefused(
      turnstile.solvedOn('app.example.com.evil.test', 'sms_code'),
      'solved on hostname "app.example.com.evil.test", expected one of app.example.com, www.example.com',
    );
  });

  it('refuses a token made with a Cloudflare test key (it claims example.com)', async () => {
    await expectRefused(
      `valid-test-key-${'k'.repeat(300)}`,
      'solved on hostname "example.com", expected one of app.example.com, www.example.com',
    );
  });

  it('refuses a token solved on our hostname for another action, or for none', async () => {
    await expectRefused(
      turnstile.solvedOn('app.example.com', 'login'),
      'solved for action "login", expected "sms_code"',
    );
    await expectRefused(
      turnstile.solvedOn('app.example.com'),
      'solved for action "", expected "sms_code"',
    );
  });

  it('tells clients the action to render the widget with', async () => {
    const response = await service.http().get('/v1/captcha/config').expect(200);
    expect(response.body).toEqual({
      provider: 'turnstile',
      siteKey: TURNSTILE_FAKE_SITE_KEY,
      action: 'sms_code',
      smsCaptcha: 'always',
    });
  });

  it('says nothing of TURNSTILE_EXPECTED_HOSTNAMES being unset', () => {
    expect(logs.text).not.toContain('TURNSTILE_EXPECTED_HOSTNAMES is unset');
  });
});
