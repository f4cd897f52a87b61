import { createHash } from 'node:crypto';
import AV from 'leancloud-storage';
import { LEANCLOUD_APP, leanCloudSettings, sdkError, signedHeaders } from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** Authentication, bodies, errors and CORS of the `/1.1` layer, whatever the route. */
describe('LeanCloud /1.1: wire format', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let serverURL: string;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({ ...receiver.settings, ...leanCloudSettings });
    serverURL = await service.listen();
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  const post = (path: string, headers: Record<string, string> = signedHeaders()) =>
    service.http().post(`/1.1${path}`).set(headers);

  function expectLeanCloudError(
    response: { status: number; body: unknown; headers: Record<string, string> },
    code: number,
  ): void {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ code, error: expect.any(String) });
  }

  describe('authentication', () => {
    // Re-initialising the SDK with other keys is the point here; it warns about it.
    beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
    afterEach(() => jest.restoreAllMocks());

    it('answers 401 "Unauthorized." to an SDK set up with a wrong App Key', async () => {
      AV.init({ appId: LEANCLOUD_APP.appId, appKey: 'not-the-app-key', serverURL });
      const error = await sdkError(AV.Cloud.requestSmsCode(uniqueCnPhone()));
      expect(error.code).toBe(401);
      expect(error.rawMessage).toBe('Unauthorized.');
    });

    it('answers 401 to an SDK set up with another app ID', async () => {
      AV.init({ appId: 'anotherApp0123', appKey: LEANCLOUD_APP.appKey, serverURL });
      expect((await sdkError(AV.Cloud.requestSmsCode(uniqueCnPhone()))).code).toBe(401);
    });

    it.each([
      ['no headers at all', {}],
      ['only the App ID', { 'X-LC-Id': LEANCLOUD_APP.appId }],
      [
        'a stale-looking but wrong signature',
        { 'X-LC-Id': LEANCLOUD_APP.appId, 'X-LC-Sign': `${md5('x')},1` },
      ],
      [
        'a Master Key signature an hour old',
        {
          'X-LC-Id': LEANCLOUD_APP.appId,
          'X-LC-Sign': `${md5(`${Date.now() - 3_600_000}${LEANCLOUD_APP.masterKey}`)},${Date.now() - 3_600_000},master`,
        },
      ],
      [
        'the Master Key without ",master"',
        { 'X-LC-Id': LEANCLOUD_APP.appId, 'X-LC-Key': LEANCLOUD_APP.masterKey },
      ],
    ])('answers 401 to %s', async (_case, headers) => {
      const response = await post('/requestSmsCode', headers).send({
        mobilePhoneNumber: uniqueCnPhone(),
      });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ code: 401, error: 'Unauthorized.' });
    });

    it.each([
      ['the App Key', { 'X-LC-Id': LEANCLOUD_APP.appId, 'X-LC-Key': LEANCLOUD_APP.appKey }],
      [
        'the Master Key',
        { 'X-LC-Id': LEANCLOUD_APP.appId, 'X-LC-Key': `${LEANCLOUD_APP.masterKey},master` },
      ],
      ['an App Key signature', signedHeaders()],
      ['a Master Key signature', signedHeaders(LEANCLOUD_APP.masterKey, 'master')],
      [
        'the pre-2016 X-AVOSCloud headers',
        {
          'X-AVOSCloud-Application-Id': LEANCLOUD_APP.appId,
          'X-AVOSCloud-Application-Key': LEANCLOUD_APP.appKey,
        },
      ],
    ])('lets %s through', async (_case, headers) => {
      const phone = uniqueCnPhone();
      await post('/requestSmsCode', headers).send({ mobilePhoneNumber: phone }).expect(200, {});
      expect(receiver.messagesTo(phone)).toHaveLength(1);
    });
  });

  describe('bodies', () => {
    it('reads the literal null body as {} (SDK 4.15.2 sends it on some routes)', async () => {
      const response = await post('/verifySmsCode/123456').send('null');
      expectLeanCloudError(response, 212);
    });

    it('reads Content-Type application/json;charset=UTF-8 as the SDK sends it', async () => {
      const phone = uniqueCnPhone();
      await post('/requestSmsCode')
        .set('Content-Type', 'application/json;charset=UTF-8')
        .send(JSON.stringify({ mobilePhoneNumber: phone }))
        .expect(200, {});
    });

    it.each([
      ['malformed JSON', '{"mobilePhoneNumber": "+86138', 'application/json'],
      ['a JSON array', '["+8613800138000"]', 'application/json'],
      ['a JSON string', '"+8613800138000"', 'application/json'],
      [
        'a prototype-pollution key',
        '{"__proto__":{"x":1},"mobilePhoneNumber":"+8613800138000"}',
        'application/json',
      ],
      ['plain text', 'mobilePhoneNumber=+8613800138000', 'text/plain'],
      ['a form', 'mobilePhoneNumber=%2B8613800138000', 'application/x-www-form-urlencoded'],
      ['a phone as a number', '{"mobilePhoneNumber":8613800138000}', 'application/json'],
      ['a phone as an object', '{"mobilePhoneNumber":{"$ne":""}}', 'application/json'],
      ['a ttl out of range', '{"mobilePhoneNumber":"+8613800138000","ttl":31}', 'application/json'],
    ])('answers %s with a LeanCloud error, never a 500', async (_case, body, contentType) => {
      const response = await post('/requestSmsCode').set('Content-Type', contentType).send(body);
      expectLeanCloudError(response, response.body.code);
      expect([107, 127]).toContain(response.body.code);
    });

    it('answers 107 to a body larger than BODY_LIMIT_BYTES', async () => {
      const big = JSON.stringify({ mobilePhoneNumber: uniqueCnPhone(), note: 'x'.repeat(20_000) });
      const response = await post('/requestSmsCode').send(big);
      expect(response.status).toBe(413);
      expect(response.body).toEqual({ code: 107, error: expect.any(String) });
    });
  });

  describe('errors', () => {
    it('answers routes it does not serve with code 1 and a 404 status', async () => {
      const response = await post('/classes/Todo').send({});
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ code: 1, error: 'Cannot POST /1.1/classes/Todo' });
    });

    it('leaves /v1 errors in our own format', async () => {
      const response = await service.http().post('/v1/sms/codes').send({});
      expect(response.body).toMatchObject({ statusCode: 400, code: 'InValidParam' });
    });
  });

  describe('CORS', () => {
    it('answers a browser preflight allowing the X-LC-* headers', async () => {
      const response = await service
        .http()
        .options('/1.1/requestSmsCode')
        .set('Origin', 'https://app.example.com')
        .set('Access-Control-Request-Method', 'POST')
        .set(
          'Access-Control-Request-Headers',
          'content-type,x-lc-id,x-lc-sign,x-lc-session,x-lc-ua',
        )
        .expect(204);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      const allowed = response.headers['access-control-allow-headers'].toLowerCase();
      for (const header of [
        'content-type',
        'x-lc-id',
        'x-lc-key',
        'x-lc-sign',
        'x-lc-session',
        'x-lc-prod',
        'x-lc-ua',
      ]) {
        expect(allowed).toContain(header);
      }
      expect(response.headers['access-control-allow-methods']).toContain('PUT');
    });

    it('lets browsers read answers, errors included', async () => {
      const response = await post('/requestSmsCode', {})
        .set('Origin', 'https://app.example.com')
        .send({ mobilePhoneNumber: uniqueCnPhone() });
      expect(response.status).toBe(401);
      expect(response.headers['access-control-allow-origin']).toBe('*');
    });

    it('allows only LEANCLOUD_WEB_ORIGINS when they are set', async () => {
      const restricted = await startTestApp({
        ...receiver.settings,
        ...leanCloudSettings,
        LEANCLOUD_WEB_ORIGINS: 'https://app.example.com',
      });
      try {
        const preflight = (origin: string) =>
          restricted
            .http()
            .options('/1.1/requestSmsCode')
            .set('Origin', origin)
            .set('Access-Control-Request-Method', 'POST');
        const allowed = await preflight('https://app.example.com').expect(204);
        expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
        const other = await preflight('https://evil.example.net').expect(204);
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await restricted.close();
      }
    });

    it('adds no CORS headers to /v1', async () => {
      const response = await service
        .http()
        .post('/v1/sms/codes')
        .set('Origin', 'https://app.example.com')
        .send({});
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  it('is off, /1.1 and all, when LEANCLOUD_APP_ID is unset', async () => {
    const plain = await startTestApp(receiver.settings);
    try {
      const response = await plain
        .http()
        .post('/1.1/requestSmsCode')
        .set(signedHeaders())
        .send({ mobilePhoneNumber: uniqueCnPhone() });
      expect(response.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
