import { CaptchaAnswers } from './support/captcha-answers';
import { startTestApp, TestApp } from './support/test-app';

describe('Captcha: expiry', () => {
  let service: TestApp;
  let answers: CaptchaAnswers;

  beforeAll(async () => {
    service = await startTestApp({ CAPTCHA_TTL_SECONDS: '1' });
    answers = new CaptchaAnswers(service.app);
  });

  afterAll(() => service.close());

  it('refuses the right answer once the captcha has expired', async () => {
    const issued = await service.http().post('/v1/captcha').expect(201);
    expect(issued.body.expiresIn).toBe(1);
    const answer = answers.last;
    await sleep(1100);
    const late = await service
      .http()
      .post('/v1/captcha/verify')
      .send({ captchaToken: issued.body.captchaToken, answer })
      .expect(400);
    expect(late.body.code).toBe('CaptchaInvalid');
  });
});

describe('Captcha: per-IP rate limits', () => {
  let service: TestApp;
  let answers: CaptchaAnswers;

  beforeAll(async () => {
    service = await startTestApp({ CAPTCHA_RATE_LIMIT: '3', TRUST_PROXY: 'true' });
    answers = new CaptchaAnswers(service.app);
  });

  afterAll(() => service.close());

  const from = (ip: string) => ({
    issue: () => service.http().post('/v1/captcha').set('X-Forwarded-For', ip),
    verify: (body: object) =>
      service.http().post('/v1/captcha/verify').set('X-Forwarded-For', ip).send(body),
  });

  it('draws CAPTCHA_RATE_LIMIT images per window, then answers TooManyRequests', async () => {
    const client = from('203.0.113.10');
    for (let i = 0; i < 3; i++) await client.issue().expect(201);
    const limited = await client.issue().expect(429);
    expect(limited.body).toEqual({
      statusCode: 429,
      code: 'TooManyRequests',
      message: expect.any(String),
      retryAfter: expect.any(Number),
    });
    expect(limited.body.retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.body.retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers['retry-after']).toBe(String(limited.body.retryAfter));

    await from('203.0.113.11').issue().expect(201);
  });

  it('counts answers apart from images, and limits them too', async () => {
    const client = from('203.0.113.20');
    const issued = await client.issue().expect(201);
    const captcha = { captchaToken: issued.body.captchaToken, answer: answers.last };
    for (let i = 0; i < 2; i++) {
      await client.verify({ captchaToken: `unknown-${i}`, answer: 'ACEH' }).expect(400);
    }
    await client.verify(captcha).expect(200);
    const limited = await client.verify(captcha).expect(429);
    expect(limited.body.code).toBe('TooManyRequests');
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
