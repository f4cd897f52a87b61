import { LeanCloudTestApp, signedHeaders, startLeanCloudApp } from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';

type Method = 'get' | 'post' | 'put';

/**
 * Every `/1.1` route that reads a body, with a placeholder for its path parameter. GET
 * routes read no body; refreshSessionToken reads none either (the SDK sends `null`).
 */
const ROUTES: Array<[Method, string]> = [
  ['post', '/1.1/requestSmsCode'],
  ['post', '/1.1/verifySmsCode/123456'],
  ['post', '/1.1/verifyCaptcha'],
  ['post', '/1.1/users'],
  ['post', '/1.1/usersByMobilePhone'],
  ['post', '/1.1/login'],
  ['post', '/1.1/requestLoginSmsCode'],
  ['post', '/1.1/requestPasswordResetBySmsCode'],
  ['put', '/1.1/resetPasswordBySmsCode/123456'],
  ['post', '/1.1/requestMobilePhoneVerify'],
  ['post', '/1.1/verifyMobilePhone/123456'],
  ['post', '/1.1/requestChangePhoneNumber'],
  ['post', '/1.1/changePhoneNumber'],
  ['put', '/1.1/users/OBJECT_ID/updatePassword'],
];

const FIELDS = [
  'mobilePhoneNumber',
  'smsCode',
  'code',
  'username',
  'password',
  'old_password',
  'new_password',
  'captcha_code',
  'captcha_token',
  'validate_token',
  'template',
  'sign',
  'smsType',
  'ttl',
];

/** One body per kind of wrong value, set on every field at once. */
const WRONG_VALUES: Array<[string, unknown]> = [
  ['numbers', 8613800138000],
  ['objects', { $gt: '' }],
  ['arrays', ['+8613800138000']],
  ['nulls', null],
  ['booleans', true],
  ['10,000-character strings', '9'.repeat(10_000)],
  ['empty strings', ''],
  ['control characters', '\u0000\u001b[2J'],
];

/** Whatever a client sends to /1.1, it gets a 4xx `{ code, error }`: never a 500. */
describe('LeanCloud /1.1: bad input', () => {
  let lc: LeanCloudTestApp;
  let session: { token: string; objectId: string };

  beforeAll(async () => {
    lc = await startLeanCloudApp({ BODY_LIMIT_BYTES: String(256 * 1024) });
    const signUp = await lc.service
      .http()
      .post('/1.1/users')
      .set(signedHeaders())
      .send({
        username: `bad${Date.now()}`,
        password: 'secret password',
        mobilePhoneNumber: uniqueCnPhone(),
      })
      .expect(201);
    session = { token: signUp.body.sessionToken, objectId: signUp.body.objectId };
  });

  afterAll(() => lc.close());

  function call(method: Method, path: string) {
    const url = path.replace('OBJECT_ID', session.objectId);
    return lc.service.http()[method](url).set(signedHeaders()).set('X-LC-Session', session.token);
  }

  function expectLeanCloudError(response: { status: number; body: unknown }): void {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body).toEqual({ code: expect.any(Number), error: expect.any(String) });
  }

  describe.each(ROUTES)('%s %s', (method, path) => {
    it.each(WRONG_VALUES)(
      'answers %s in every field with a LeanCloud error',
      async (_kind, value) => {
        const body = Object.fromEntries(FIELDS.map((field) => [field, value]));
        const query = method === 'get' ? `?width=${encodeURIComponent(JSON.stringify(value))}` : '';
        const response = await call(method, `${path}${query}`).send(body);
        expectLeanCloudError(response);
      },
    );

    it.each([
      ['malformed JSON', '{"mobilePhoneNumber": '],
      ['a JSON array', '[1,2]'],
      ['a JSON number', '42'],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]).toString('latin1')],
    ])('answers %s with a LeanCloud error', async (_kind, raw) => {
      const response = await call(method, path).set('Content-Type', 'application/json').send(raw);
      expectLeanCloudError(response);
    });
  });

  it.each([
    ['a width that is no number', 'width=wide'],
    ['a width out of bounds', 'width=100000'],
    // 4 to 6 is the App Key's since issue 10 (the REST guide's size=4); shorter needs the Master Key.
    ['a size under 4 with the App Key', 'size=3'],
    ['a ttl with the App Key', 'ttl=30'],
    ['a size out of LeanCloud’s 3 to 6', 'size=7'],
    ['a repeated width', 'width=100&width=120'],
    ['a negative height', 'height=-5'],
  ])('answers requestCaptcha with %s with a LeanCloud error', async (_kind, query) => {
    expectLeanCloudError(await call('get', `/1.1/requestCaptcha?${query}`).send());
  });

  it.each([
    ['a garbage session', 'x'.repeat(5000)],
    ['a session of another format', 'abcdefghijklmnopqrstuvwxy'],
  ])('answers %s on session routes with 211', async (_kind, token) => {
    const response = await lc.service
      .http()
      .get('/1.1/users/me')
      .set(signedHeaders())
      .set('X-LC-Session', token);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 211, error: 'Could not find user.' });
  });

  it.each([
    ['an objectId of another user', '5f1b2c3d4e5f6a7b8c9d0e1f', 206],
    ['a UUID', '7f1d0c5e-7a39-4a43-9c51-2f6a4d1c9e01', 206],
    ['an objectId with SQL in it', "x' OR '1'='1", 206],
  ])('refuses to refresh %s', async (_kind, objectId, code) => {
    const response = await call(
      'put',
      `/1.1/users/${encodeURIComponent(objectId)}/refreshSessionToken`,
    ).send('null');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
  });

  it('answers odd path codes as wrong codes', async () => {
    for (const code of ['%00', '%E4%BD%A0%E5%A5%BD', '1'.repeat(90), '..%2F..']) {
      const response = await call('post', `/1.1/verifySmsCode/${code}`).send({
        mobilePhoneNumber: uniqueCnPhone(),
      });
      expectLeanCloudError(response);
    }
  });
});
