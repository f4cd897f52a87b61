import { LeanCloudTestApp, sdkError, startLeanCloudApp } from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { PythonSdk, pythonError } from '../support/python-sdk';

/**
 * LeanCloud's error precedence where its clients' own tests check it (python-sdk
 * tests/test_user.py): a wrong code is 603 before anything about accounts or sessions. So
 * these routes tell someone without a code nothing about who has an account, and a right
 * code meeting a refusal is checked, not used up.
 */
describe('LeanCloud /1.1: a wrong code is told first', () => {
  let lc: LeanCloudTestApp;

  beforeAll(async () => {
    lc = await startLeanCloudApp({
      SMS_RESEND_INTERVAL_SECONDS: '0',
      USER_SMS_SIGNUP_ON_LOGIN: 'true',
      // LeanCloud's changePhoneNumber (session and the new phone's code), which these tests use.
      USER_PHONE_CHANGE_PROOF: 'none',
    });
  });

  afterAll(() => lc.close());
  afterEach(() => lc.AV.User.logOut());

  const codeFor = (phone: string): string => lc.receiver.lastCodeFor(phone);
  const wrong = (code: string): string => (code === '000000' ? '111111' : '000000');

  /** A verified phone account, signed in with the JS SDK. */
  async function smsAccount(): Promise<string> {
    const phone = uniqueCnPhone();
    await lc.AV.Cloud.requestSmsCode(phone);
    await lc.AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));
    return phone;
  }

  it('Python reset_password_by_sms_code for an unknown phone with a wrong code: 603', async () => {
    const py = new PythonSdk(lc.serverURL);
    const error = await pythonError(
      py.User.reset_password_by_sms_code('123456', 'password', uniqueCnPhone()),
    );
    expect(error.code).toBe(603);
  });

  it('a right reset code for a phone that lost its account: 213, and the code still works', async () => {
    const { AV } = lc;
    const py = new PythonSdk(lc.serverURL);
    const phone = await smsAccount();
    await AV.User.logOut();
    await py.User.request_password_reset_by_sms_code(phone);
    const resetCode = codeFor(phone);

    // The account moves to another phone: this one has no account now.
    await AV.User.logInWithMobilePhoneSmsCode(phone, await loginCode(phone));
    const elsewhere = uniqueCnPhone();
    await AV.User.requestChangePhoneNumber(elsewhere);
    await AV.User.changePhoneNumber(elsewhere, codeFor(elsewhere));
    expect(
      (await pythonError(py.User.reset_password_by_sms_code(wrong(resetCode), 'new pass 1', phone)))
        .code,
    ).toBe(603);
    expect(
      (await pythonError(py.User.reset_password_by_sms_code(resetCode, 'new pass 1', phone))).code,
    ).toBe(213);

    // Back on its phone, the same code resets: it was not used up by the refusal.
    await AV.User.requestChangePhoneNumber(phone);
    await AV.User.changePhoneNumber(phone, codeFor(phone));
    await AV.User.logOut();
    await py.User.reset_password_by_sms_code(resetCode, 'new pass 1', phone);
    expect((await py.User.login_with_mobile_phone(phone, 'new pass 1')).get('mobilePhoneNumber')).toBe(
      phone,
    );
  });

  it('changePhoneNumber signed out: a wrong code is 603 (JS and Python), a right one 211', async () => {
    const { AV } = lc;
    const py = new PythonSdk(lc.serverURL);
    await smsAccount();
    const newPhone = uniqueCnPhone();
    await AV.User.requestChangePhoneNumber(newPhone);
    const code = codeFor(newPhone);
    const user = AV.User.current();
    await AV.User.logOut();

    expect((await sdkError(AV.User.changePhoneNumber(newPhone, wrong(code)))).code).toBe(603);
    expect((await pythonError(py.User.change_phone_number(wrong(code), newPhone))).code).toBe(603);
    expect((await pythonError(py.User.change_phone_number(code, newPhone))).code).toBe(211);

    // Signed in again, the same code moves the account: the 211 did not use it up.
    await AV.User.become(user.getSessionToken());
    await AV.User.changePhoneNumber(newPhone, code);
    expect((await AV.User.become(user.getSessionToken())).getMobilePhoneNumber()).toBe(newPhone);
  });

  async function loginCode(phone: string): Promise<string> {
    await lc.AV.User.requestLoginSmsCode(phone);
    return codeFor(phone);
  }
});
