import { LeanCloudTestApp, sdkError, signedHeaders, startLeanCloudApp } from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { PythonSdk, pythonError } from '../support/python-sdk';

const uniqueName = (): string => `lc_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;

/**
 * POST /1.1/changePhoneNumber and USER_PHONE_CHANGE_PROOF. By default it asks the proof `/v1`
 * asks (LeanCloud's SDKs cannot send it: they get 119 and nothing moves; an app sends
 * `currentPassword` or `currentPhoneCode` itself); `none` keeps LeanCloud's behaviour.
 */
describe('LeanCloud /1.1 changePhoneNumber: proof of the account', () => {
  describe('USER_PHONE_CHANGE_PROOF=password_or_old_phone (the default)', () => {
    let lc: LeanCloudTestApp;

    beforeAll(async () => {
      lc = await startLeanCloudApp({ SMS_RESEND_INTERVAL_SECONDS: '0' });
    });

    afterAll(() => lc.close());
    afterEach(() => lc.AV.User.logOut());

    const codeFor = (phone: string): string => lc.receiver.lastCodeFor(phone);
    const changeByHand = (sessionToken: string, body: object) =>
      lc.service
        .http()
        .post('/1.1/changePhoneNumber')
        .set(signedHeaders())
        .set('X-LC-Session', sessionToken)
        .send(body);

    it('refuses the JS SDK’s change (119) with a password account; its password moves it', async () => {
      const { AV } = lc;
      const phone = uniqueCnPhone();
      const user = new AV.User();
      user.setUsername(uniqueName());
      user.setPassword('a password 1');
      user.setMobilePhoneNumber(phone);
      await user.signUp();
      const token = user.getSessionToken();
      const newPhone = uniqueCnPhone();
      await AV.User.requestChangePhoneNumber(newPhone);
      const code = codeFor(newPhone);

      const refused = await sdkError(AV.User.changePhoneNumber(newPhone, code));
      expect(refused.code).toBe(119);
      expect(refused.rawMessage).toContain('currentPassword');
      expect((await AV.User.become(token)).getMobilePhoneNumber()).toBe(phone);

      const wrong = await changeByHand(token, {
        mobilePhoneNumber: newPhone,
        code,
        currentPassword: 'not the password',
      }).expect(400);
      expect(wrong.body.code).toBe(210);
      expect((await AV.User.become(token)).getMobilePhoneNumber()).toBe(phone);

      await changeByHand(token, {
        mobilePhoneNumber: newPhone,
        code,
        currentPassword: 'a password 1',
      }).expect(200);
      expect((await AV.User.become(token)).getMobilePhoneNumber()).toBe(newPhone);
    });

    it('refuses the JS and Python SDKs with an SMS account; a code to the current phone moves it', async () => {
      const { AV } = lc;
      const py = new PythonSdk(lc.serverURL);
      const phone = uniqueCnPhone();
      await AV.Cloud.requestSmsCode(phone);
      const user = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));
      const token = user.getSessionToken();
      await py.User.become(token);
      const newPhone = uniqueCnPhone();
      await AV.User.requestChangePhoneNumber(newPhone);
      const code = codeFor(newPhone);

      const js = await sdkError(AV.User.changePhoneNumber(newPhone, code));
      const python = await pythonError(py.User.change_phone_number(code, newPhone));
      expect([js.code, python.code]).toEqual([119, 119]);
      expect(js.rawMessage).toContain('change_phone_confirm');

      // The same session asks /v1 for a code to the account's own phone.
      await lc.service
        .http()
        .post('/v1/sms/codes')
        .set('Authorization', `Bearer ${token}`)
        .send({ phone, purpose: 'change_phone_confirm' })
        .expect(202);
      await changeByHand(token, {
        mobilePhoneNumber: newPhone,
        code,
        currentPhoneCode: codeFor(phone),
      }).expect(200);
      expect((await AV.User.become(token)).getMobilePhoneNumber()).toBe(newPhone);
    });
  });

  describe('USER_PHONE_CHANGE_PROOF=none', () => {
    let lc: LeanCloudTestApp;

    beforeAll(async () => {
      lc = await startLeanCloudApp({
        SMS_RESEND_INTERVAL_SECONDS: '0',
        USER_PHONE_CHANGE_PROOF: 'none',
      });
    });

    afterAll(() => lc.close());
    afterEach(() => lc.AV.User.logOut());

    const codeFor = (phone: string): string => lc.receiver.lastCodeFor(phone);

    it('changes the phone with the JS SDK as LeanCloud did: the session and the new phone’s code', async () => {
      const { AV } = lc;
      const phone = uniqueCnPhone();
      const user = new AV.User();
      user.setUsername(uniqueName());
      user.setPassword('a password 1');
      user.setMobilePhoneNumber(phone);
      await user.signUp();
      const newPhone = uniqueCnPhone();

      await AV.User.requestChangePhoneNumber(newPhone);
      await AV.User.changePhoneNumber(newPhone, codeFor(newPhone));

      const fetched = await AV.User.become(user.getSessionToken());
      expect(fetched.getMobilePhoneNumber()).toBe(newPhone);
      expect(fetched.get('mobilePhoneVerified')).toBe(true);
    });

    it('leaves /v1 asking for the proof', async () => {
      const { AV } = lc;
      const phone = uniqueCnPhone();
      await AV.Cloud.requestSmsCode(phone);
      const user = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));
      const newPhone = uniqueCnPhone();
      await AV.User.requestChangePhoneNumber(newPhone);

      const response = await lc.service
        .http()
        .put('/v1/users/me/phone')
        .set('Authorization', `Bearer ${user.getSessionToken()}`)
        .send({ phone: newPhone, code: codeFor(newPhone) })
        .expect(403);

      expect(response.body.code).toBe('PhoneChangeProofRequired');
      expect((await AV.User.become(user.getSessionToken())).getMobilePhoneNumber()).toBe(phone);
    });
  });
});
