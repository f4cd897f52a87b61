import type AVType from 'leancloud-storage';
import { LeanCloudTestApp, sdkError, startLeanCloudApp } from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { PythonSdk } from '../support/python-sdk';

let serial = 0;
const uniqueName = (): string => `sv${Date.now().toString(36)}${(serial += 1)}`;

async function signUp(AV: typeof AVType, phone: string): Promise<AVType.User> {
  const user = new AV.User();
  user.setUsername(uniqueName());
  user.setPassword('a password 1');
  user.setMobilePhoneNumber(phone);
  return user.signUp();
}

/**
 * LeanCloud's "send verification SMS when users register or change phone numbers from
 * clients" (on by default there): LEANCLOUD_VERIFY_PHONE_ON_SIGNUP, through SDK 4.15.2's
 * `user.signUp()` and `AV.User.verifyMobilePhone`.
 */
describe('LeanCloud /1.1: a verification SMS at sign-up', () => {
  describe('on (the default)', () => {
    let lc: LeanCloudTestApp;
    beforeAll(async () => {
      lc = await startLeanCloudApp();
    });
    afterAll(() => lc.close());
    afterEach(() => lc.receiver.setMode('ok'));

    it('sends a verify_phone code that verifyMobilePhone takes', async () => {
      const { AV } = lc;
      const phone = uniqueCnPhone();
      const user = await signUp(AV, phone);
      expect(user.get('mobilePhoneVerified')).toBe(false);
      const [sms] = lc.receiver.messagesTo(phone);
      expect(sms.purpose).toBe('verify_phone');

      await AV.User.verifyMobilePhone(sms.variables.code);
      const fetched = await AV.User.become(user.getSessionToken());
      expect(fetched.get('mobilePhoneVerified')).toBe(true);
      await AV.User.logOut();
    });

    it('sends it for the Python SDK’s sign-up (POST /classes/_User) too', async () => {
      const py = new PythonSdk(lc.serverURL);
      const phone = uniqueCnPhone();
      const user = py.newUser({
        username: uniqueName(),
        password: 'a password 1',
        mobilePhoneNumber: phone,
      });
      await user.sign_up();
      const [sms] = lc.receiver.messagesTo(phone);
      expect(sms.purpose).toBe('verify_phone');
      await py.User.verify_mobile_phone_number(sms.variables.code, phone);
      await user.fetch();
      expect(user.get('mobilePhoneVerified')).toBe(true);
    });

    it('keeps the account when a limit refuses the SMS', async () => {
      const { AV } = lc;
      const phone = uniqueCnPhone();
      // A code a moment ago: the resend interval (60 s) refuses the sign-up's.
      await AV.Cloud.requestSmsCode(phone);
      const user = await signUp(AV, phone);
      expect(user.id).toEqual(expect.any(String));
      expect(lc.receiver.messagesTo(phone)).toHaveLength(1);
      expect(lc.receiver.messagesTo(phone)[0].purpose).toBe('operation');
      await AV.User.logOut();
      expect((await AV.User.logIn(user.getUsername(), 'a password 1')).id).toBe(user.id);
      await AV.User.logOut();
    });

    it('keeps the account when the provider fails, and the app can ask again', async () => {
      const { AV } = lc;
      const phone = uniqueCnPhone();
      lc.receiver.setMode({ status: 500 });
      const user = await signUp(AV, phone);
      expect(user.id).toEqual(expect.any(String));
      expect(AV.User.current()?.id).toBe(user.id);
      lc.receiver.setMode('ok');

      // The failed send left nothing behind: no code, and no resend interval.
      expect((await sdkError(AV.User.verifyMobilePhone('123456'))).code).toBe(603);
      await AV.User.requestMobilePhoneVerify(phone);
      await AV.User.verifyMobilePhone(lc.receiver.lastCodeFor(phone));
      expect((await AV.User.become(user.getSessionToken())).get('mobilePhoneVerified')).toBe(true);
      await AV.User.logOut();
    });
  });

  describe('with a captcha required for every code', () => {
    let lc: LeanCloudTestApp;
    beforeAll(async () => {
      lc = await startLeanCloudApp({ SMS_REQUIRE_CAPTCHA: 'true' });
    });
    afterAll(() => lc.close());

    it('signs up and sends nothing: a sign-up is no way around the captcha', async () => {
      const phone = uniqueCnPhone();
      const user = await signUp(lc.AV, phone);
      expect(user.getSessionToken()).toEqual(expect.any(String));
      expect(lc.receiver.messagesTo(phone)).toHaveLength(0);
      await lc.AV.User.logOut();
    });
  });

  describe('off (LEANCLOUD_VERIFY_PHONE_ON_SIGNUP=false)', () => {
    let lc: LeanCloudTestApp;
    beforeAll(async () => {
      lc = await startLeanCloudApp({ LEANCLOUD_VERIFY_PHONE_ON_SIGNUP: 'false' });
    });
    afterAll(() => lc.close());

    it('sends nothing at sign-up', async () => {
      const phone = uniqueCnPhone();
      const user = await signUp(lc.AV, phone);
      expect(user.get('mobilePhoneVerified')).toBe(false);
      expect(lc.receiver.messagesTo(phone)).toHaveLength(0);
      await lc.AV.User.logOut();
    });
  });
});
