import {
  LeanCloudTestApp,
  leanCloudSettings,
  sdkError,
  signedHeaders,
  startLeanCloudApp,
} from '../support/leancloud';
import { startTestApp } from '../support/test-app';
import { uniqueCnPhone } from '../support/phones';

/** Accounts by SMS through the official SDK, as LeanCloud apps use them. */
describe('LeanCloud /1.1: accounts by SMS code', () => {
  let lc: LeanCloudTestApp;

  beforeAll(async () => {
    // LeanCloud signed up unknown phones on SMS log-in, and sent a code per request.
    lc = await startLeanCloudApp({
      USER_SMS_SIGNUP_ON_LOGIN: 'true',
      SMS_RESEND_INTERVAL_SECONDS: '0',
    });
  });

  afterAll(() => lc.close());
  afterEach(() => lc.AV.User.logOut());

  const codeFor = (phone: string): string => lc.receiver.lastCodeFor(phone);

  it('signs up with a requestSmsCode code, then logs in to the same account', async () => {
    const { AV } = lc;
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const user = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));
    expect(user.id).toEqual(expect.any(String));
    expect(user.getSessionToken()).toEqual(expect.any(String));
    expect(user.getMobilePhoneNumber()).toBe(phone);
    expect(user.get('mobilePhoneVerified')).toBe(true);
    expect(user.getUsername()).toBe(phone);
    expect(user.createdAt).toBeInstanceOf(Date);
    expect(AV.User.current()?.id).toBe(user.id);

    await AV.Cloud.requestSmsCode(phone);
    const again = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));
    expect(again.id).toBe(user.id);
    expect(again.getSessionToken()).not.toBe(user.getSessionToken());
  });

  it('answers 603 for a wrong or reused code', async () => {
    const { AV } = lc;
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const code = codeFor(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await sdkError(AV.User.signUpOrlogInWithMobilePhone(phone, wrong))).code).toBe(603);
    await AV.User.signUpOrlogInWithMobilePhone(phone, code);
    expect((await sdkError(AV.User.signUpOrlogInWithMobilePhone(phone, code))).code).toBe(603);
  });

  it('logs in with requestLoginSmsCode and logInWithMobilePhoneSmsCode', async () => {
    const { AV } = lc;
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const user = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));
    await AV.User.logOut();

    await AV.User.requestLoginSmsCode(phone);
    const loggedIn = await AV.User.logInWithMobilePhoneSmsCode(phone, codeFor(phone));
    expect(loggedIn.id).toBe(user.id);
    expect(loggedIn.getSessionToken()).toEqual(expect.any(String));
  });

  it('resets the password by SMS with SDK 4.15.2, which sends no phone', async () => {
    const { AV } = lc;
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const user = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));
    await AV.User.logOut();

    await AV.User.requestPasswordResetBySmsCode(phone);
    await AV.User.resetPasswordBySmsCode(codeFor(phone), 'a new password 1');
    const loggedIn = await AV.User.logInWithMobilePhone(phone, 'a new password 1');
    expect(loggedIn.id).toBe(user.id);
    expect((await sdkError(AV.User.logInWithMobilePhone(phone, 'a wrong password'))).code).toBe(
      210,
    );
  });

  it('answers 213 for a reset or log-in code asked for a phone without an account', async () => {
    const { AV } = lc;
    const phone = uniqueCnPhone();
    expect((await sdkError(AV.User.requestPasswordResetBySmsCode(phone))).code).toBe(213);
    // Without USER_SMS_SIGNUP_ON_LOGIN a log-in code goes only to phones with an account.
    const noSignup = await startTestApp(leanCloudSettings);
    try {
      const response = await noSignup
        .http()
        .post('/1.1/requestLoginSmsCode')
        .set(signedHeaders())
        .send({ mobilePhoneNumber: phone })
        .expect(400);
      expect(response.body).toEqual({
        code: 213,
        error: 'A user with the specified mobile phone number was not found.',
      });
    } finally {
      await noSignup.close();
    }
  });

  it('answers 212 to a phone-less reset when the address asked for no reset', async () => {
    const response = await lc.service
      .http()
      .put('/1.1/resetPasswordBySmsCode/123456')
      .set(signedHeaders())
      .set('X-Forwarded-For', '203.0.113.9')
      .send({ password: 'a new password 1' })
      .expect(400);
    expect(response.body.code).toBe(212);
  });

  it('changes the phone of the signed-in user', async () => {
    const { AV } = lc;
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const user = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));

    const newPhone = uniqueCnPhone();
    await AV.User.requestChangePhoneNumber(newPhone);
    await AV.User.changePhoneNumber(newPhone, codeFor(newPhone));
    const fetched = await AV.User.become(user.getSessionToken());
    expect(fetched.getMobilePhoneNumber()).toBe(newPhone);
    expect(fetched.get('mobilePhoneVerified')).toBe(true);
  });

  it('asks for a session to send a change code (206); signed out, verification goes by phone', async () => {
    const { AV } = lc;
    expect((await sdkError(AV.User.requestChangePhoneNumber(uniqueCnPhone()))).code).toBe(206);
    // LeanCloud's REST guide asks for verification codes signed out: a phone with no account is 213.
    expect((await sdkError(AV.User.requestMobilePhoneVerify(uniqueCnPhone()))).code).toBe(213);
  });

  it('ignores a stale X-LC-Session on routes that need none', async () => {
    const phone = uniqueCnPhone();
    await lc.service
      .http()
      .post('/1.1/requestSmsCode')
      .set(signedHeaders())
      .set('X-LC-Session', 'no-such-session-token')
      .send({ mobilePhoneNumber: phone })
      .expect(200, {});
  });
});
