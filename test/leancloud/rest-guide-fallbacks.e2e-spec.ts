import { CaptchaAnswers } from '../support/captcha-answers';
import {
  LEANCLOUD_APP,
  LeanCloudTestApp,
  sdkError,
  signedHeaders,
  startLeanCloudApp,
} from '../support/leancloud';
import { initSdk2, initSdk3 } from '../support/leancloud-sdks';
import { uniqueCnPhone } from '../support/phones';
import { PythonSdk, pythonError } from '../support/python-sdk';

const ISO_WITH_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * What LeanCloud's guides and older clients do besides the SDK 4.x calls: the server clock
 * (`/1.1/date`), the `text/plain` cross-domain form, and `requestCaptcha?size=4` with the
 * App Key.
 */
describe('LeanCloud /1.1: the REST guide’s fallbacks and the server clock', () => {
  let lc: LeanCloudTestApp;
  let answers: CaptchaAnswers;

  beforeAll(async () => {
    lc = await startLeanCloudApp({ SMS_RESEND_INTERVAL_SECONDS: '0' });
    answers = new CaptchaAnswers(lc.service.app);
  });
  afterAll(() => lc.close());
  afterEach(() => lc.AV.User.logOut());

  describe('GET /1.1/date', () => {
    it('answers a LeanCloud Date to AV.Cloud.getServerDate() of SDK 4.x, 3.x and 2.x', async () => {
      const before = Date.now();
      for (const AV of [lc.AV, initSdk3(lc.serverURL), initSdk2(lc.serverURL)]) {
        const date = await AV.Cloud.getServerDate();
        expect(date).toBeInstanceOf(Date);
        expect(date.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(date.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      }
    });

    it('answers the Python SDK’s get_server_time, which sends no X-LC-* header', async () => {
      const py = new PythonSdk(lc.serverURL);
      const before = Date.now();
      const date = await py.cloud.get_server_time();
      expect(Object.keys(py.requests[0].headers).filter((name) => /^x-lc/i.test(name))).toEqual([]);
      expect(date.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(date.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('answers the setup guides’ bare curl with the documented body', async () => {
      const response = await lc.service.http().get('/1.1/date').expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({ __type: 'Date', iso: expect.stringMatching(ISO_WITH_MS) });
    });
  });

  describe('the text/plain cross-domain form', () => {
    const postText = (path: string, body: Record<string, unknown> | string) =>
      lc.service
        .http()
        .post(`/1.1${path}`)
        .set('Content-Type', 'text/plain')
        .send(typeof body === 'string' ? body : JSON.stringify(body));

    it('takes _ApplicationId and _ApplicationKey from the body, as the guide’s curl sends them', async () => {
      const phone = uniqueCnPhone();
      await postText('/requestSmsCode', {
        _method: 'POST',
        _ApplicationId: LEANCLOUD_APP.appId,
        _ApplicationKey: LEANCLOUD_APP.appKey,
        _ClientVersion: 'js0.5.4',
        _InstallationId: 'f83f19ae-e110-1bf0-df0b-e069607a0e29',
        mobilePhoneNumber: phone,
      }).expect(200, {});
      const [sms] = lc.receiver.messagesTo(phone);
      // The `_` keys are credentials, not template variables: nothing of them reaches the SMS.
      expect(Object.keys(sms.variables).filter((name) => name.startsWith('_'))).toEqual([]);
      await lc.AV.Cloud.verifySmsCode(sms.variables.code, phone);
    });

    it('takes _SessionToken as the X-LC-Session of a signed-in route', async () => {
      const user = new lc.AV.User();
      user.setUsername(`form${Date.now().toString(36)}`);
      user.setPassword('secret password');
      user.setMobilePhoneNumber(uniqueCnPhone());
      await user.signUp();
      const newPhone = uniqueCnPhone();
      const credentials = {
        _ApplicationId: LEANCLOUD_APP.appId,
        _ApplicationKey: LEANCLOUD_APP.appKey,
      };

      const anonymous = await postText('/requestChangePhoneNumber', {
        ...credentials,
        mobilePhoneNumber: newPhone,
      });
      expect({ status: anonymous.status, code: anonymous.body.code }).toEqual({
        status: 400,
        code: 206,
      });
      await postText('/requestChangePhoneNumber', {
        ...credentials,
        _SessionToken: user.getSessionToken(),
        mobilePhoneNumber: newPhone,
      }).expect(200, {});
      expect(lc.receiver.messagesTo(newPhone)).toHaveLength(1);
    });

    it('answers 401 without the keys, or with a wrong one, as the headers would', async () => {
      const phone = uniqueCnPhone();
      for (const credentials of [
        {},
        { _ApplicationId: LEANCLOUD_APP.appId },
        { _ApplicationId: LEANCLOUD_APP.appId, _ApplicationKey: 'wrong-key-0123' },
        { _ApplicationId: 'another-app', _ApplicationKey: LEANCLOUD_APP.appKey },
      ]) {
        const response = await postText('/requestSmsCode', {
          ...credentials,
          mobilePhoneNumber: phone,
        });
        expect({ status: response.status, body: response.body }).toEqual({
          status: 401,
          body: { code: 401, error: 'Unauthorized.' },
        });
      }
      expect(lc.receiver.messagesTo(phone)).toHaveLength(0);
    });

    it('refuses a _method other than POST with 107 (the route was chosen by the HTTP method)', async () => {
      const response = await postText('/requestSmsCode', {
        _method: 'PUT',
        _ApplicationId: LEANCLOUD_APP.appId,
        _ApplicationKey: LEANCLOUD_APP.appKey,
        mobilePhoneNumber: uniqueCnPhone(),
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ code: 107, error: expect.stringContaining('_method') });
    });

    it('answers 107 to text that is not JSON, and 413 over BODY_LIMIT_BYTES', async () => {
      const notJson = await postText('/requestSmsCode', 'mobilePhoneNumber=+8613800138000');
      expect({ status: notJson.status, code: notJson.body.code }).toEqual({
        status: 400,
        code: 107,
      });
      const big = await postText('/requestSmsCode', {
        _ApplicationId: LEANCLOUD_APP.appId,
        _ApplicationKey: LEANCLOUD_APP.appKey,
        mobilePhoneNumber: uniqueCnPhone(),
        note: 'x'.repeat(20_000),
      });
      expect({ status: big.status, code: big.body.code }).toEqual({ status: 413, code: 107 });
    });

    it('leaves /v1 refusing text/plain with 415', async () => {
      const response = await lc.service
        .http()
        .post('/v1/sms/codes')
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify({ phone: uniqueCnPhone() }))
        .expect(415);
      expect(response.body.code).toBe('UnsupportedMediaType');
    });
  });

  describe('requestCaptcha size with the App Key', () => {
    it('draws size=4 with the App Key, as the SMS REST guide’s curl asks', async () => {
      const response = await lc.service
        .http()
        .get('/1.1/requestCaptcha')
        .query({ size: 4 })
        .set('X-LC-Id', LEANCLOUD_APP.appId)
        .set('X-LC-Key', LEANCLOUD_APP.appKey)
        .expect(200);
      expect(response.body).toEqual({
        captcha_token: expect.any(String),
        captcha_url: expect.any(String),
      });
      expect(answers.last).toHaveLength(4);
    });

    it('draws the size the SDKs ask for, 4 to 6, with the App Key', async () => {
      await lc.AV.Captcha.request({ size: 6 });
      expect(answers.last).toHaveLength(6);
      const py = new PythonSdk(lc.serverURL);
      const captcha = await py.cloud.request_captcha({ size: 5 });
      expect(py.requests[0].query).toEqual({ size: '5' });
      expect(answers.last).toHaveLength(5);
      await expect(py.cloud.verify_captcha(answers.last, captcha.token)).resolves.toEqual(
        expect.any(String),
      );
    });

    it('keeps a shorter captcha (size 3) and ttl for the Master Key', async () => {
      expect((await sdkError(lc.AV.Captcha.request({ size: 3 }))).code).toBe(119);
      expect(
        (await pythonError(new PythonSdk(lc.serverURL).cloud.request_captcha({ ttl: 30 }))).code,
      ).toBe(119);
      await new PythonSdk(lc.serverURL, { master: true }).cloud.request_captcha({
        size: 3,
        ttl: 30,
      });
      expect(answers.last).toHaveLength(3);
    });

    it.each([2, 7])('answers size=%d, outside LeanCloud’s 3 to 6, with 107', async (size) => {
      const response = await lc.service
        .http()
        .get(`/1.1/requestCaptcha?size=${size}`)
        .set(signedHeaders(LEANCLOUD_APP.masterKey, 'master'));
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 400,
        code: 107,
      });
    });
  });
});
