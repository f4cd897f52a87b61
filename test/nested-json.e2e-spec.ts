import { LEANCLOUD_APP, leanCloudSettings } from './support/leancloud';
import { LogCapture } from './support/log-capture';
import { startTestApp, TestApp, TEST_ADMIN_KEY } from './support/test-app';

/** `{"phone":"…","variables":[[[…]]]}`: the nesting of a hostile body, 4 KB for 2,000 levels. */
const nestedBody = (levels: number): string =>
  `{"phone":"+8613800138000","variables":${'['.repeat(levels)}${']'.repeat(levels)}}`;

/** Every route that takes a body, as an attacker would try them. */
const ROUTES_WITH_BODIES = [
  ['POST', '/v1/sms/codes'],
  ['POST', '/v1/sms/codes/verify'],
  ['POST', '/v1/captcha'],
  ['POST', '/v1/captcha/verify'],
  ['POST', '/v1/users'],
  ['POST', '/v1/sessions'],
  ['POST', '/v1/password-resets'],
  ['PATCH', '/v1/users/me'],
  ['POST', '/v1/admin/sms/templates'],
  ['POST', '/v1/admin/sms/messages'],
  ['POST', '/v1/sms/receipts/tencent?token=x'],
] as const;

describe('Deeply nested JSON bodies', () => {
  const logs = new LogCapture();
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp(
      { ...leanCloudSettings, LOG_LEVEL: 'info' },
      { logDestination: logs },
    );
  });
  afterAll(() => service.close());

  const send = (method: string, path: string, body: string) =>
    service
      .http()
      [method === 'PATCH' ? 'patch' : 'post'](path)
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .send(body);

  it.each(ROUTES_WITH_BODIES)(
    '%s %s: 400 InValidParam for 2,000 levels, nothing logged as a bug',
    async (method, path) => {
      const response = await send(method, path, nestedBody(2000));
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        code: 'InValidParam',
        message: 'The JSON body nests deeper than 32 levels',
      });
      expect(logs.text).not.toContain('Unhandled error');
    },
  );

  it('lets 32 levels through to the validation of the route', async () => {
    const response = await send('POST', '/v1/sms/codes', nestedBody(31)).expect(400);
    expect(response.body.code).toBe('InValidParam');
    expect(response.body.message).not.toContain('nests deeper');
  });

  it('answers /1.1 with 107 in LeanCloud’s format', async () => {
    const response = await service
      .http()
      .post('/1.1/requestSmsCode')
      .set('X-LC-Id', LEANCLOUD_APP.appId)
      .set('X-LC-Key', LEANCLOUD_APP.appKey)
      .set('Content-Type', 'application/json')
      .send(`{"mobilePhoneNumber":"+8613800138000","x":${'['.repeat(2000)}${']'.repeat(2000)}}`)
      .expect(400);
    expect(response.body).toEqual({
      code: 107,
      error: 'The JSON body nests deeper than 32 levels',
    });
  });

  it('still refuses the prototype poisoning Fastify’s own parser refuses', async () => {
    const response = await send(
      'POST',
      '/v1/sms/codes',
      '{"phone":"+8613800138000","__proto__":{"x":1}}',
    );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('InValidParam');
    // Fastify's own answer to a poisoned body, kept as it was.
    expect(response.body.message).toBe(
      "Body is not valid JSON but content-type is set to 'application/json'",
    );
  });
});
