import { CAPTCHA_ALPHABET } from '@app/captcha';
import { CaptchaAnswers } from './support/captcha-answers';
import { decodePng, pngFromDataUrl } from './support/png-decoder';
import { startTestApp, TestApp } from './support/test-app';

describe('Captcha: draw and answer', () => {
  let service: TestApp;
  let answers: CaptchaAnswers;

  beforeAll(async () => {
    service = await startTestApp({ CAPTCHA_RATE_LIMIT: '100000' });
    answers = new CaptchaAnswers(service.app);
  });

  afterAll(() => service.close());

  const issue = (body?: object) => service.http().post('/v1/captcha').send(body);
  const verify = (body: object) => service.http().post('/v1/captcha/verify').send(body);

  async function newCaptcha(body?: object): Promise<{ captchaToken: string; answer: string }> {
    const response = await issue(body).expect(201);
    return { captchaToken: response.body.captchaToken, answer: answers.last };
  }

  describe('POST /v1/captcha', () => {
    it('answers a token and a real 100 x 40 PNG of four characters, not cached', async () => {
      const response = await issue().expect(201);
      expect(response.body).toEqual({
        captchaToken: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
        image: expect.stringMatching(/^data:image\/png;base64,/),
        expiresIn: 120,
      });
      expect(response.headers['cache-control']).toBe('no-store');
      expect(answers.last).toMatch(new RegExp(`^[${CAPTCHA_ALPHABET}]{4}$`));

      const png = decodePng(pngFromDataUrl(response.body.image));
      expect({ width: png.width, height: png.height }).toEqual({ width: 100, height: 40 });
      // Drawn, not blank: many colours, and dark strokes on the light background.
      const colours = new Set<number>();
      let dark = 0;
      for (let i = 0; i < png.pixels.length; i += png.channels) {
        const [r, g, b] = png.pixels.subarray(i, i + 3);
        colours.add((r << 16) | (g << 8) | b);
        if (r + g + b < 3 * 120) dark++;
      }
      expect(colours.size).toBeGreaterThan(50);
      expect(dark).toBeGreaterThan(100);
    });

    it.each([
      [60, 20],
      [400, 150],
      [213, 77],
    ])('draws the asked size %i x %i', async (width, height) => {
      const response = await issue({ width, height }).expect(201);
      const png = decodePng(pngFromDataUrl(response.body.image));
      expect([png.width, png.height]).toEqual([width, height]);
    });

    it('draws a fresh text and token every time', async () => {
      const first = await newCaptcha();
      const second = await newCaptcha();
      expect(second.captchaToken).not.toBe(first.captchaToken);
      // Two equal 4-character texts from 20 letters: 1 in 160,000.
      expect(second.answer).not.toBe(first.answer);
    });

    it.each([
      ['width below 60', { width: 59 }, 'width'],
      ['width above 400', { width: 401 }, 'width'],
      ['height below 20', { height: 19 }, 'height'],
      ['height above 150', { height: 151 }, 'height'],
      ['a fractional width', { width: 100.5 }, 'width'],
      ['width as a string', { width: '100' }, 'width'],
      ['height as an object', { height: { $gt: 1 } }, 'height'],
      ['an unknown field', { width: 100, size: 6 }, 'size'],
      ['a huge width', { width: 1e12 }, 'width'],
    ])('refuses %s with InValidParam naming the field', async (_case, body, field) => {
      const response = await issue(body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'InValidParam' });
      expect(response.body.errors).toEqual(
        expect.arrayContaining([{ field, message: expect.any(String) }]),
      );
    });

    it.each([
      ['JSON null', 'null'],
      ['an empty object', '{}'],
      ['width and height null', '{"width":null,"height":null}'],
    ])('draws the default size for %s', async (_case, raw) => {
      const response = await service
        .http()
        .post('/v1/captcha')
        .set('Content-Type', 'application/json')
        .send(raw)
        .expect(201);
      expect(decodePng(pngFromDataUrl(response.body.image)).width).toBe(100);
    });

    it.each([
      ['a JSON array', '[100, 40]', 'application/json'],
      ['malformed JSON', '{"width": 1', 'application/json'],
      ['a form', 'width=100', 'application/x-www-form-urlencoded'],
    ])('refuses %s with a 4xx and a stable code', async (_case, raw, type) => {
      const response = await service.http().post('/v1/captcha').set('Content-Type', type).send(raw);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body).toMatchObject({
        statusCode: response.status,
        code: expect.stringMatching(/^[A-Z][A-Za-z]+$/),
      });
    });
  });

  describe('POST /v1/captcha/verify', () => {
    it('gives a validate token for the right answer, not cached', async () => {
      const { captchaToken, answer } = await newCaptcha();
      const response = await verify({ captchaToken, answer }).expect(200);
      expect(response.body).toEqual({
        validateToken: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
        expiresIn: 300,
      });
      expect(response.body.validateToken).not.toBe(captchaToken);
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('compares case-insensitively and ignores surrounding spaces', async () => {
      const lower = await newCaptcha();
      await verify({ captchaToken: lower.captchaToken, answer: lower.answer.toLowerCase() }).expect(
        200,
      );
      const spaced = await newCaptcha();
      await verify({ captchaToken: spaced.captchaToken, answer: ` ${spaced.answer}\n` }).expect(
        200,
      );
    });

    it('refuses a wrong answer with CaptchaInvalid, and the captcha is spent by it', async () => {
      const { captchaToken, answer } = await newCaptcha();
      const wrong = await verify({ captchaToken, answer: answers.wrong }).expect(400);
      expect(wrong.body).toEqual({
        statusCode: 400,
        code: 'CaptchaInvalid',
        message: expect.any(String),
      });
      const rightAfterWrong = await verify({ captchaToken, answer }).expect(400);
      expect(rightAfterWrong.body.code).toBe('CaptchaInvalid');
    });

    it('refuses a replayed captcha token after a right answer', async () => {
      const { captchaToken, answer } = await newCaptcha();
      await verify({ captchaToken, answer }).expect(200);
      const replay = await verify({ captchaToken, answer }).expect(400);
      expect(replay.body.code).toBe('CaptchaInvalid');
    });

    it('lets exactly one of 12 parallel right answers through', async () => {
      const { captchaToken, answer } = await newCaptcha();
      const responses = await Promise.all(
        Array.from({ length: 12 }, () => verify({ captchaToken, answer })),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, ...Array<number>(11).fill(400)]);
      const refused = responses.filter((response) => response.status === 400);
      expect(new Set(refused.map((response) => response.body.code))).toEqual(
        new Set(['CaptchaInvalid']),
      );
    });

    it('refuses an unknown captcha token, and a validate token used as one', async () => {
      const unknown = await verify({ captchaToken: 'x'.repeat(32), answer: 'ACEH' }).expect(400);
      expect(unknown.body.code).toBe('CaptchaInvalid');

      const { captchaToken, answer } = await newCaptcha();
      const { validateToken } = (await verify({ captchaToken, answer }).expect(200)).body;
      const swapped = await verify({ captchaToken: validateToken, answer }).expect(400);
      expect(swapped.body.code).toBe('CaptchaInvalid');
    });

    it('refuses a missing or blank answer with InValidParam, leaving the captcha usable', async () => {
      const { captchaToken, answer } = await newCaptcha();
      for (const body of [
        { captchaToken },
        { captchaToken, answer: '' },
        { captchaToken, answer: '  ' },
      ]) {
        const response = await verify(body).expect(400);
        expect(response.body).toMatchObject({
          code: 'InValidParam',
          errors: [{ field: 'answer', message: expect.any(String) }],
        });
      }
      await verify({ captchaToken, answer }).expect(200);
    });

    it.each([
      ['no captcha token', { answer: 'ACEH' }, 'captchaToken'],
      ['an empty captcha token', { captchaToken: '', answer: 'ACEH' }, 'captchaToken'],
      ['a captcha token as a number', { captchaToken: 12345, answer: 'ACEH' }, 'captchaToken'],
      ['a captcha token as an array', { captchaToken: ['a'], answer: 'ACEH' }, 'captchaToken'],
      [
        'a captcha token of 2049 characters',
        { captchaToken: 'a'.repeat(2049), answer: 'A' },
        'captchaToken',
      ],
      ['an answer as a number', { captchaToken: 'abc', answer: 1234 }, 'answer'],
      ['an answer as an object', { captchaToken: 'abc', answer: { $ne: '' } }, 'answer'],
      ['an answer of 17 characters', { captchaToken: 'abc', answer: 'A'.repeat(17) }, 'answer'],
      ['an unknown field', { captchaToken: 'abc', answer: 'ACEH', width: 1 }, 'width'],
    ])('refuses %s with InValidParam naming the field', async (_case, body, field) => {
      const response = await verify(body).expect(400);
      expect(response.body.code).toBe('InValidParam');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([{ field, message: expect.any(String) }]),
      );
    });

    it('does not spend a captcha on a malformed request', async () => {
      const { captchaToken, answer } = await newCaptcha();
      await verify({ captchaToken, answer: 'A'.repeat(17) }).expect(400);
      await verify({ captchaToken, answer }).expect(200);
    });
  });

  describe('OpenAPI', () => {
    it('documents both routes with their bodies and answers', async () => {
      const { body: doc } = await service.http().get('/docs-json').expect(200);
      expect(Object.keys(doc.paths['/v1/captcha'].post.responses)).toEqual(
        expect.arrayContaining(['201', '400', '404', '429']),
      );
      expect(Object.keys(doc.paths['/v1/captcha/verify'].post.responses)).toEqual(
        expect.arrayContaining(['200', '400', '429', '503']),
      );
      const schemas = doc.components.schemas;
      expect(Object.keys(schemas.IssueCaptchaDto.properties)).toEqual(['width', 'height']);
      expect(schemas.VerifyCaptchaDto.required).toEqual(['captchaToken']);
      expect(Object.keys(schemas.CaptchaIssuedDto.properties)).toEqual([
        'captchaToken',
        'image',
        'expiresIn',
      ]);
      expect(Object.keys(schemas.CaptchaVerifiedDto.properties)).toEqual([
        'validateToken',
        'expiresIn',
      ]);
    });
  });
});
