import { startTestApp, TestApp } from './support/test-app';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: {
    schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }>;
  };
}

describe('Captcha: GET /v1/captcha/config', () => {
  let image: TestApp;
  let adaptive: TestApp;

  beforeAll(async () => {
    [image, adaptive] = await Promise.all([
      startTestApp({ CAPTCHA_RATE_LIMIT: '3', TRUST_PROXY: 'true' }),
      startTestApp({ SMS_CAPTCHA_AFTER: '7' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([image.close(), adaptive.close()]);
  });

  it('tells a client to draw the image captcha, and that codes need none, by default', async () => {
    const response = await image.http().get('/v1/captcha/config').expect(200);
    expect(response.body).toEqual({ provider: 'image', smsCaptcha: 'never' });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  it('says "sometimes" in the adaptive mode, without telling after how many requests', async () => {
    const response = await adaptive.http().get('/v1/captcha/config').expect(200);
    expect(response.body).toEqual({ provider: 'image', smsCaptcha: 'sometimes' });
    expect(response.text).not.toContain('7');
  });

  it('is rate-limited per IP like the other captcha routes, counted apart from them', async () => {
    const from = (ip: string) => image.http().get('/v1/captcha/config').set('X-Forwarded-For', ip);
    for (let i = 0; i < 3; i++) await from('203.0.113.30').expect(200);
    const limited = await from('203.0.113.30').expect(429);
    expect(limited.body).toEqual({
      statusCode: 429,
      code: 'TooManyRequests',
      message: expect.any(String),
      retryAfter: expect.any(Number),
    });
    await from('203.0.113.31').expect(200);
    await image.http().post('/v1/captcha').set('X-Forwarded-For', '203.0.113.30').expect(201);
  });

  it('is documented in OpenAPI with its response schema, the 429, and no secret field', async () => {
    const document = (await image.http().get('/docs-json').expect(200)).body as OpenApiDocument;
    const operation = document.paths['/v1/captcha/config']?.get;
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '429']));
    expect(operation?.responses['200']).toMatchObject({
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/CaptchaConfigDto' } },
      },
    });
    const schema = document.components.schemas.CaptchaConfigDto;
    expect(Object.keys(schema.properties).sort()).toEqual([
      'action',
      'provider',
      'siteKey',
      'smsCaptcha',
    ]);
    expect(schema.properties.provider).toMatchObject({ enum: ['image', 'turnstile'] });
    expect(schema.properties.smsCaptcha).toMatchObject({
      enum: ['always', 'sometimes', 'never'],
    });
    expect(schema.required?.sort()).toEqual(['provider', 'smsCaptcha']);
  });
});
