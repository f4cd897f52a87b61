import type { Response } from 'supertest';
import { CaptchaAnswers } from './support/captcha-answers';
import { LogCapture } from './support/log-capture';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * The answer exists in the image and, as an HMAC, in Redis: nowhere else. The texts are pinned
 * to ones that cannot occur in a log line by chance (real random 4-letter texts could spell a
 * piece of "request" or "POST"), so a match can only be a leak.
 */
describe('Captcha answers never reach a response or the logs', () => {
  const receiver = new WebhookReceiver();
  const logs = new LogCapture();
  let service: TestApp;
  let answers: CaptchaAnswers;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp(
      {
        ...receiver.settings,
        SMS_REQUIRE_CAPTCHA: 'true',
        CAPTCHA_RATE_LIMIT: '100000',
        LOG_LEVEL: 'trace',
      },
      { logDestination: logs },
    );
    answers = new CaptchaAnswers(service.app);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  it('through draws, wrong and right answers, replays and SMS requests', async () => {
    const pinned = ['W7XK', 'HJ49', 'YM3T'];
    const responses: Response[] = [];
    const tokens: string[] = [];
    const send = async (request: Promise<Response>): Promise<Response> => {
      const response = await request;
      responses.push(response);
      return response;
    };
    const issue = async (text: string): Promise<string> => {
      answers.nextWillBe(text);
      const response = await send(service.http().post('/v1/captcha').send({ width: 120 }));
      expect(response.status).toBe(201);
      tokens.push(response.body.captchaToken);
      return response.body.captchaToken;
    };
    const verify = (captchaToken: string, answer: string) =>
      send(service.http().post('/v1/captcha/verify').send({ captchaToken, answer }));

    // Wrong, then the right answer on the spent captcha.
    const first = await issue(pinned[0]);
    expect((await verify(first, 'ACEH')).status).toBe(400);
    expect((await verify(first, pinned[0])).status).toBe(400);

    // Right (in lower case), then replayed; the validate token used twice for a code.
    const second = await issue(pinned[1]);
    const solved = await verify(second, pinned[1].toLowerCase());
    expect(solved.status).toBe(200);
    expect((await verify(second, pinned[1])).status).toBe(400);
    const validateToken: string = solved.body.validateToken;
    tokens.push(validateToken);
    const codes = (body: object) => send(service.http().post('/v1/sms/codes').send(body));
    expect((await codes({ phone: uniqueCnPhone(), validateToken })).status).toBe(202);
    expect((await codes({ phone: uniqueCnPhone(), validateToken })).status).toBe(400);
    expect((await codes({ phone: uniqueCnPhone() })).status).toBe(403);

    // A malformed answer that holds the right one.
    const third = await issue(pinned[2]);
    expect((await verify(third, `${pinned[2]}-${'x'.repeat(20)}`)).status).toBe(400);

    // The capture works: it holds the request lines of these routes.
    expect(logs.lines.filter((line) => line.msg === 'request')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: '/v1/captcha', statusCode: 201 }),
        expect.objectContaining({ route: '/v1/captcha/verify', statusCode: 200 }),
        expect.objectContaining({ route: '/v1/captcha/verify', statusCode: 400 }),
        expect.objectContaining({ route: '/v1/sms/codes', statusCode: 403 }),
      ]),
    );

    const logText = logs.text.toLowerCase();
    for (const answer of pinned) {
      expect(logText).not.toContain(answer.toLowerCase());
      for (const response of responses) {
        // The image carries the answer as pixels; the tokens are random bytes.
        const { image: _image, captchaToken: _c, validateToken: _v, ...rest } = response.body;
        const visible = JSON.stringify(rest) + JSON.stringify(response.headers);
        expect(visible.toLowerCase()).not.toContain(answer.toLowerCase());
      }
    }
    for (const token of tokens) expect(logs.text).not.toContain(token);
  });
});
