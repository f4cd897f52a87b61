import { TURNSTILE_FAKE_SECRET, TurnstileFake } from './fakes/turnstile.fake';
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
