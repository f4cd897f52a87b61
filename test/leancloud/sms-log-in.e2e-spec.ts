import { LeanCloudTestApp, sdkError, signedHeaders, startLeanCloudApp } from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { PythonSdk, pythonError } from '../support/python-sdk';

let serial = 0;
const uniqueName = (): string => `sl${Date.now().toString(36)}${(serial += 1)}`;
const wrongFor = (code: string): string => (code === '000000' ? '111111' : '000000');

/**
 * Log-in and sign-up by SMS code as LeanCloud's clients do them: the account guide's
 * `requestLoginSmsCode` then `usersByMobilePhone` (Android, Unity, Flutter, Python, PHP), the
 * SMS guide's `requestSmsCode` then `usersByMobilePhone`, and `/1.1/login` with `smsCode`.
 * Each `/1.1` route follows LeanCloud whatever USER_SMS_SIGNUP_ON_LOGIN (a `/v1` setting) says.
 */
describe.each(['false', 'true'])(
  'LeanCloud /1.1: SMS log-in and sign-up (USER_SMS_SIGNUP_ON_LOGIN=%s)',
  (signUpOnLogIn) => {
    let lc: LeanCloudTestApp;

    beforeAll(async () => {
      lc = await startLeanCloudApp({
        USER_SMS_SIGNUP_ON_LOGIN: signUpOnLogIn,
        SMS_RESEND_INTERVAL_SECONDS: '0',
        SMS_CODE_MAX_ATTEMPTS: '2',
      });
    });
    afterAll(() => lc.close());
    afterEach(() => lc.AV.User.logOut());

    const codeFor = (phone: string): string => lc.receiver.lastCodeFor(phone);

    /** An account whose phone is verified, signed out. */
    async function verifiedAccount(): Promise<{ phone: string; id: string }> {
      const phone = uniqueCnPhone();
      await lc.AV.Cloud.requestSmsCode(phone);
      const user = await lc.AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));
      await lc.AV.User.logOut();
      return { phone, id: user.id ?? '' };
    }

    /** An account of POST /1.1/users: its phone is not verified. */
    async function unverifiedAccount(): Promise<string> {
      const phone = uniqueCnPhone();
      const user = new lc.AV.User();
      user.setUsername(uniqueName());
      user.setPassword('a password 1');
      user.setMobilePhoneNumber(phone);
      await user.signUp();
      await lc.AV.User.logOut();
      return phone;
    }

    describe('usersByMobilePhone', () => {
      it('signs up a phone with no account, with a requestSmsCode code', async () => {
        const { AV } = lc;
        const phone = uniqueCnPhone();
        await AV.Cloud.requestSmsCode(phone);
        const user = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));
        expect(user.getMobilePhoneNumber()).toBe(phone);
        expect(user.get('mobilePhoneVerified')).toBe(true);
        expect((await AV.User.become(user.getSessionToken())).id).toBe(user.id);
      });

      it('logs in with a requestLoginSmsCode code (the Android and Python flow)', async () => {
        const { AV } = lc;
        const { phone, id } = await verifiedAccount();
        await AV.User.requestLoginSmsCode(phone);
        const user = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));
        expect(user.id).toBe(id);
        expect(user.getSessionToken()).toEqual(expect.any(String));
      });

      it('takes the sign-up username and password; password log-in works after', async () => {
        const { AV } = lc;
        const phone = uniqueCnPhone();
        const username = uniqueName();
        await AV.Cloud.requestSmsCode(phone);
        const user = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone), {
          username,
          password: 'sms password 1',
        });
        const fetched = await AV.User.become(user.getSessionToken());
        expect(fetched.getUsername()).toBe(username);
        expect(fetched.get('password')).toBeUndefined();
        await AV.User.logOut();

        expect((await AV.User.logIn(username, 'sms password 1')).id).toBe(user.id);
        expect((await AV.User.logInWithMobilePhone(phone, 'sms password 1')).id).toBe(user.id);
      });

      it('ignores username and password at log-in of an existing account', async () => {
        const { AV } = lc;
        const phone = uniqueCnPhone();
        const username = uniqueName();
        await AV.Cloud.requestSmsCode(phone);
        const first = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone), {
          username,
          password: 'first password',
        });
        await AV.User.logOut();

        // Even values the sign-up would refuse: at log-in they are not looked at.
        await AV.Cloud.requestSmsCode(phone);
        const again = await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone), {
          username: 'x',
          password: 'short',
        });
        expect(again.id).toBe(first.id);
        expect((await AV.User.become(again.getSessionToken())).getUsername()).toBe(username);
        await AV.User.logOut();
        expect((await AV.User.logIn(username, 'first password')).id).toBe(first.id);
      });

      it.each([
        ['a username of the wrong form', { username: 'no spaces allowed' }, 107],
        ['a password too short', { password: 'short' }, 107],
      ])('refuses %s at sign-up without spending the code', async (_case, attrs, number) => {
        const { AV } = lc;
        const phone = uniqueCnPhone();
        await AV.Cloud.requestSmsCode(phone);
        const code = codeFor(phone);
        const refused = await sdkError(AV.User.signUpOrlogInWithMobilePhone(phone, code, attrs));
        expect(refused.code).toBe(number);
        const user = await AV.User.signUpOrlogInWithMobilePhone(phone, code);
        expect(user.getMobilePhoneNumber()).toBe(phone);
      });

      it('refuses a username taken (in any case) with 202 without spending the code', async () => {
        const { AV } = lc;
        const taken = uniqueName();
        await lc.service
          .http()
          .post('/1.1/users')
          .set(signedHeaders())
          .send({ username: taken, password: 'a password 1', mobilePhoneNumber: uniqueCnPhone() })
          .expect(201);
        const phone = uniqueCnPhone();
        await AV.Cloud.requestSmsCode(phone);
        const code = codeFor(phone);
        const refused = await sdkError(
          AV.User.signUpOrlogInWithMobilePhone(phone, code, { username: taken.toUpperCase() }),
        );
        expect(refused.code).toBe(202);
        const user = await AV.User.signUpOrlogInWithMobilePhone(phone, code);
        expect(user.getMobilePhoneNumber()).toBe(phone);
      });

      it('verifies a code once under concurrency', async () => {
        const phone = uniqueCnPhone();
        await lc.AV.Cloud.requestSmsCode(phone);
        const code = codeFor(phone);
        const answers = await Promise.all(
          Array.from({ length: 10 }, () =>
            lc.service
              .http()
              .post('/1.1/usersByMobilePhone')
              .set(signedHeaders())
              .send({ mobilePhoneNumber: phone, smsCode: code }),
          ),
        );
        expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
        expect(answers.filter((answer) => answer.body.code === 603)).toHaveLength(9);
      });
    });

    describe('a log-in code and a requestSmsCode code alive together', () => {
      // SMS_CODE_MAX_ATTEMPTS is 2 here: a second wrong try on a code kills it.
      async function bothCodes(): Promise<{ phone: string; login: string; operation: string }> {
        const { phone } = await verifiedAccount();
        await lc.AV.User.requestLoginSmsCode(phone);
        const login = codeFor(phone);
        await lc.AV.Cloud.requestSmsCode(phone);
        const operation = codeFor(phone);
        return { phone, login, operation };
      }

      it('counts a wrong code once on each, and a right one against neither', async () => {
        const { AV } = lc;
        const { phone, login, operation } = await bothCodes();
        let wrong = wrongFor(login);
        if (wrong === operation) wrong = '222222';
        expect((await sdkError(AV.User.logInWithMobilePhoneSmsCode(phone, wrong))).code).toBe(603);
        // Each code has one wrong try now; the right operation code adds none to the login one.
        await AV.User.signUpOrlogInWithMobilePhone(phone, operation);
        await AV.User.logOut();
        await AV.User.logInWithMobilePhoneSmsCode(phone, login);
        expect((await sdkError(AV.User.logInWithMobilePhoneSmsCode(phone, login))).code).toBe(603);
      });

      it('lets each code die after its wrong tries, whichever route guessed', async () => {
        const { AV } = lc;
        const { phone, login, operation } = await bothCodes();
        let wrong = wrongFor(login);
        if (wrong === operation) wrong = '222222';
        expect((await sdkError(AV.User.logInWithMobilePhoneSmsCode(phone, wrong))).code).toBe(603);
        expect((await sdkError(AV.User.signUpOrlogInWithMobilePhone(phone, wrong))).code).toBe(603);
        expect((await sdkError(AV.User.signUpOrlogInWithMobilePhone(phone, login))).code).toBe(603);
        expect((await sdkError(AV.User.logInWithMobilePhoneSmsCode(phone, operation))).code).toBe(
          603,
        );
      });
    });

    describe('/1.1/login with smsCode', () => {
      it('logs in with a requestSmsCode code as well as a requestLoginSmsCode one', async () => {
        const { AV } = lc;
        const { phone, id } = await verifiedAccount();
        await AV.Cloud.requestSmsCode(phone);
        expect((await AV.User.logInWithMobilePhoneSmsCode(phone, codeFor(phone))).id).toBe(id);
        await AV.User.logOut();
        await AV.User.requestLoginSmsCode(phone);
        expect((await AV.User.logInWithMobilePhoneSmsCode(phone, codeFor(phone))).id).toBe(id);
      });

      it('creates no account (213), and leaves the code for usersByMobilePhone', async () => {
        const { AV } = lc;
        const phone = uniqueCnPhone();
        await AV.Cloud.requestSmsCode(phone);
        const code = codeFor(phone);
        expect((await sdkError(AV.User.logInWithMobilePhoneSmsCode(phone, code))).code).toBe(213);
        expect((await sdkError(AV.User.logInWithMobilePhone(phone, 'any password'))).code).toBe(
          210,
        );
        const user = await AV.User.signUpOrlogInWithMobilePhone(phone, code);
        expect(user.getMobilePhoneNumber()).toBe(phone);
      });

      it('answers 215 for an account whose phone is not verified', async () => {
        const { AV } = lc;
        const phone = await unverifiedAccount();
        await AV.Cloud.requestSmsCode(phone);
        expect(
          (await sdkError(AV.User.logInWithMobilePhoneSmsCode(phone, codeFor(phone)))).code,
        ).toBe(215);
      });
    });

    describe('requestLoginSmsCode', () => {
      it('answers 213 for a phone with no account and sends nothing', async () => {
        const phone = uniqueCnPhone();
        const refused = await sdkError(lc.AV.User.requestLoginSmsCode(phone));
        expect(refused.code).toBe(213);
        expect(refused.rawMessage).toBe(
          'A user with the specified mobile phone number was not found.',
        );
        expect(lc.receiver.messagesTo(phone)).toHaveLength(0);
      });

      it('answers 215 for an account whose phone is not verified and sends nothing', async () => {
        const phone = await unverifiedAccount();
        const sent = lc.receiver.messagesTo(phone).length;
        const refused = await sdkError(lc.AV.User.requestLoginSmsCode(phone));
        expect(refused.code).toBe(215);
        expect(refused.rawMessage).toBe("Mobile phone number isn't verified.");
        expect(lc.receiver.messagesTo(phone)).toHaveLength(sent);
      });
    });

    describe('Python SDK 3.0.2', () => {
      let py: PythonSdk;
      beforeEach(() => {
        py = new PythonSdk(lc.serverURL);
      });

      it('logs in by request_login_sms_code and signup_or_login_with_mobile_phone', async () => {
        const { phone, id } = await verifiedAccount();
        await py.User.request_login_sms_code(phone);
        const user = await py.User.signup_or_login_with_mobile_phone(phone, codeFor(phone));
        expect(user.id).toBe(id);
        expect(py.User.get_current()).toBe(user);
        expect(user.get('mobilePhoneVerified')).toBe(true);
        expect(py.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
          'POST /1.1/requestLoginSmsCode',
          'POST /1.1/usersByMobilePhone',
        ]);
      });

      it('is told 213 by request_login_sms_code for a phone with no account', async () => {
        const phone = uniqueCnPhone();
        expect((await pythonError(py.User.request_login_sms_code(phone))).code).toBe(213);
        expect(lc.receiver.messagesTo(phone)).toHaveLength(0);
      });

      it('signs up with a request_sms_code code', async () => {
        const phone = uniqueCnPhone();
        await py.cloud.request_sms_code(phone);
        const user = await py.User.signup_or_login_with_mobile_phone(phone, codeFor(phone));
        expect(user.get('mobilePhoneNumber')).toBe(phone);
        expect(user.session_token).toEqual(expect.any(String));
      });
    });
  },
);
