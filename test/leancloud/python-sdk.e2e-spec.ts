import { CaptchaAnswers } from '../support/captcha-answers';
import { LEANCLOUD_APP, LeanCloudTestApp, startLeanCloudApp } from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { PythonSdk, pythonError } from '../support/python-sdk';

let serial = 0;
const uniqueName = (): string => `py${Date.now().toString(36)}${(serial += 1)}`;

/**
 * A Python back end on LeanCloud's Python SDK 3.0.2 (its requests reproduced by
 * test/support/python-sdk.ts, as the package is not on our registries) against this service.
 */
describe('LeanCloud /1.1 through the Python SDK 3.0.2', () => {
  let lc: LeanCloudTestApp;
  let answers: CaptchaAnswers;
  let py: PythonSdk;

  beforeAll(async () => {
    // LeanCloud's changePhoneNumber (session and the new phone's code): see phone-change-proof.
    lc = await startLeanCloudApp({
      SMS_RESEND_INTERVAL_SECONDS: '0',
      USER_PHONE_CHANGE_PROOF: 'none',
    });
    answers = new CaptchaAnswers(lc.service.app);
  });
  beforeEach(() => {
    py = new PythonSdk(lc.serverURL);
  });
  afterAll(() => lc.close());

  const codeFor = (phone: string): string => lc.receiver.lastCodeFor(phone);

  it('sends what the SDK sends: signed, its agent, a compact JSON body with smsType', async () => {
    const phone = uniqueCnPhone();
    await py.cloud.request_sms_code(phone);
    const [sent] = py.requests;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/1.1/requestSmsCode');
    expect(sent.body).toBe(`{"mobilePhoneNumber":"${phone}","smsType":"sms"}`);
    expect(sent.headers).toMatchObject({
      'Content-Type': 'application/json;charset=utf-8',
      'X-LC-Id': LEANCLOUD_APP.appId,
      'X-LC-Prod': '1',
      'User-Agent': 'AVOS Cloud python-2.1.9 SDK (3.11)',
      'X-LC-Sign': expect.stringMatching(/^[0-9a-f]{32},[0-9]{13}$/),
    });
    expect(sent.headers['X-LC-Key']).toBeUndefined();
  });

  it('sends a code to a national number (the SDK adds +86) and verifies it once', async () => {
    const phone = uniqueCnPhone();
    await py.cloud.request_sms_code(phone.slice(3));
    expect(JSON.parse(py.requests[0].body ?? '')).toMatchObject({ mobilePhoneNumber: phone });
    const code = codeFor(phone);
    await expect(py.cloud.verify_sms_code(phone, code)).resolves.toBe(true);
    expect((await pythonError(py.cloud.verify_sms_code(phone, code))).code).toBe(603);
  });

  it('answers 604 to a template the service does not have, variables passed as params', async () => {
    const phone = uniqueCnPhone();
    const error = await pythonError(
      py.cloud.request_sms_code(phone, { template: 'no-such-template', params: { order: 'A1' } }),
    );
    expect(error.code).toBe(604);
  });

  it('draws a captcha and trades its answer for a validate token that sends a code', async () => {
    const captcha = await py.cloud.request_captcha({ width: 100, height: 50 });
    expect(py.requests[0].query).toEqual({ width: '100', height: '50' });
    expect(captcha.url).toContain(captcha.token);
    const validateToken = await py.cloud.verify_captcha(answers.last, captcha.token);
    expect(validateToken).toEqual(expect.any(String));
    const phone = uniqueCnPhone();
    await py.cloud.request_sms_code(phone, { validate_token: validateToken });
    expect(codeFor(phone)).toMatch(/^[0-9]{6}$/);
  });

  it('logs in with the phone and password, changes the password and refreshes the session', async () => {
    const phone = uniqueCnPhone();
    const username = uniqueName();
    const signUp = await lc.service
      .http()
      .post('/1.1/users')
      .set('X-LC-Id', LEANCLOUD_APP.appId)
      .set('X-LC-Key', LEANCLOUD_APP.appKey)
      .send({ username, password: 'first password', mobilePhoneNumber: phone })
      .expect(201);

    const user = await py.User.login_with_mobile_phone(phone, 'first password');
    expect(user.id).toBe(signUp.body.objectId);
    expect(user.get('username')).toBe(username);
    expect(user.get('password')).toBeUndefined();
    expect(py.User.get_current()).toBe(user);
    expect(py.requests[0].body).toBe(
      `{"mobilePhoneNumber":"${phone}","password":"first password"}`,
    );

    await user.update_password('first password', 'second password');
    const tokenBefore = user.session_token;
    await user.refresh_session_token();
    expect(py.requests.at(-1)?.body).toBe('null');
    expect(user.session_token).toEqual(expect.any(String));
    expect(user.session_token).not.toBe(tokenBefore);

    user.logout();
    expect(py.User.get_current()).toBeUndefined();
    const again = await py.User.login_with_mobile_phone(phone, 'second password');
    expect(again.id).toBe(user.id);
    expect((await pythonError(py.User.login_with_mobile_phone(phone, 'first password'))).code).toBe(
      210,
    );
  });

  it('resets the password by SMS with the phone, as the SDK sends it', async () => {
    const phone = uniqueCnPhone();
    await lc.service
      .http()
      .post('/1.1/users')
      .set('X-LC-Id', LEANCLOUD_APP.appId)
      .set('X-LC-Key', LEANCLOUD_APP.appKey)
      .send({ username: uniqueName(), password: 'old password', mobilePhoneNumber: phone })
      .expect(201);
    const unverified = await pythonError(py.User.request_password_reset_by_sms_code(phone));
    expect(unverified.code).toBe(215);

    const verifiedPhone = uniqueCnPhone();
    await py.cloud.request_sms_code(verifiedPhone);
    await py.User.signup_or_login_with_mobile_phone(verifiedPhone, codeFor(verifiedPhone));
    py.User.get_current()?.logout();
    await py.User.request_password_reset_by_sms_code(verifiedPhone);
    await py.User.reset_password_by_sms_code(codeFor(verifiedPhone), 'new password', verifiedPhone);
    const user = await py.User.login_with_mobile_phone(verifiedPhone, 'new password');
    expect(user.get('mobilePhoneNumber')).toBe(verifiedPhone);
  });

  it('changes the signed-in user’s phone with a code sent to the new one', async () => {
    const phone = uniqueCnPhone();
    await lc.service
      .http()
      .post('/1.1/users')
      .set('X-LC-Id', LEANCLOUD_APP.appId)
      .set('X-LC-Key', LEANCLOUD_APP.appKey)
      .send({ username: uniqueName(), password: 'a password', mobilePhoneNumber: phone })
      .expect(201);
    await py.User.login_with_mobile_phone(phone, 'a password');

    const newPhone = uniqueCnPhone();
    await py.User.request_change_phone_number(newPhone);
    await py.User.change_phone_number(codeFor(newPhone), newPhone);
    const moved = await py.User.login_with_mobile_phone(newPhone, 'a password');
    expect(moved.get('mobilePhoneNumber')).toBe(newPhone);
    expect(moved.get('mobilePhoneVerified')).toBe(true);
  });
});
