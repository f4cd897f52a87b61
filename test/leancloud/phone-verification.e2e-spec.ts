import {
  LeanCloudTestApp,
  sdkError,
  signedHeaders,
  startLeanCloudApp,
} from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { PythonSdk, pythonError } from '../support/python-sdk';

let serial = 0;
const uniqueName = (): string => `pv${Date.now().toString(36)}${(serial += 1)}`;

/**
 * Phone verification signed out, as LeanCloud's REST guide and the SDKs' static calls use it:
 * `requestMobilePhoneVerify` and `verifyMobilePhone/<code>` with only the app keys and the
 * phone. With USER_BLOCK_UNVERIFIED_LOGIN a signed-out, unverified user verifies, then logs in.
 */
describe('LeanCloud /1.1: phone verification without a session', () => {
  let lc: LeanCloudTestApp;

  beforeAll(async () => {
    lc = await startLeanCloudApp({
      USER_BLOCK_UNVERIFIED_LOGIN: 'true',
      SMS_RESEND_INTERVAL_SECONDS: '0',
      // Each code here is one the test asks for; the sign-up's own is tested apart.
      LEANCLOUD_VERIFY_PHONE_ON_SIGNUP: 'false',
    });
  });

  afterAll(() => lc.close());
  afterEach(() => lc.AV.User.logOut());

  /** A password account whose phone nobody proved; signed out afterwards. */
  async function signUpUnverified(): Promise<{
    id: string;
    username: string;
    phone: string;
    password: string;
  }> {
    const phone = uniqueCnPhone();
    const username = uniqueName();
    const user = new lc.AV.User();
    user.setUsername(username);
    user.setPassword('secret password');
    user.setMobilePhoneNumber(phone);
    await user.signUp();
    await lc.AV.User.logOut();
    return { id: user.id ?? '', username, phone, password: 'secret password' };
  }

  const wrongCodeFor = (code: string): string => (code === '000000' ? '111111' : '000000');

  it('JS SDK 4.15.2: signed out, requests a code by phone; verifies with the phone; logs in', async () => {
    const { AV } = lc;
    const { id, phone, password } = await signUpUnverified();
    expect((await sdkError(AV.User.logInWithMobilePhone(phone, password))).code).toBe(215);

    await AV.User.requestMobilePhoneVerify(phone);
    const code = lc.receiver.lastCodeFor(phone);
    // 4.15.2's static verifyMobilePhone sends the body `null`: without a session, 211.
    expect((await sdkError(AV.User.verifyMobilePhone(code))).code).toBe(211);
    // What 4.15.3 sends (and the REST guide shows): the phone, through 4.15.2's AV.request.
    await AV.request({
      method: 'POST',
      path: `/verifyMobilePhone/${code}`,
      data: { mobilePhoneNumber: phone },
    });

    const user = await AV.User.logInWithMobilePhone(phone, password);
    expect(user.id).toBe(id);
    expect(user.get('mobilePhoneVerified')).toBe(true);
  });

  it('Python: request_mobile_phone_verify and verify_mobile_phone_number, then log-in', async () => {
    const py = new PythonSdk(lc.serverURL);
    const { id, phone, password } = await signUpUnverified();
    expect((await pythonError(py.User.login_with_mobile_phone(phone, password))).code).toBe(215);

    await py.User.request_mobile_phone_verify(phone);
    expect(py.requests.at(-1)?.headers['X-LC-Session']).toBeUndefined();
    const code = lc.receiver.lastCodeFor(phone);
    expect(
      (await pythonError(py.User.verify_mobile_phone_number(wrongCodeFor(code), phone))).code,
    ).toBe(603);
    await py.User.verify_mobile_phone_number(code, phone);
    expect((await pythonError(py.User.verify_mobile_phone_number(code, phone))).code).toBe(603);

    const user = await py.User.login_with_mobile_phone(phone, password);
    expect(user.id).toBe(id);
    expect(user.get('mobilePhoneVerified')).toBe(true);
  });

  it('213 and no SMS for a phone with no account; no SMS and no error once verified', async () => {
    const py = new PythonSdk(lc.serverURL);
    const nobody = uniqueCnPhone();
    expect((await pythonError(py.User.request_mobile_phone_verify(nobody))).code).toBe(213);
    expect(lc.receiver.messagesTo(nobody)).toHaveLength(0);

    const { phone } = await signUpUnverified();
    await py.User.request_mobile_phone_verify(phone);
    await py.User.verify_mobile_phone_number(lc.receiver.lastCodeFor(phone), phone);
    await py.User.request_mobile_phone_verify(phone);
    expect(lc.receiver.messagesTo(phone)).toHaveLength(1);
  });

  it('a wrong code is 603 whether or not the phone has an account', async () => {
    const py = new PythonSdk(lc.serverURL);
    const { phone } = await signUpUnverified();
    for (const someone of [phone, uniqueCnPhone()]) {
      expect((await pythonError(py.User.verify_mobile_phone_number('123456', someone))).code).toBe(
        603,
      );
    }
  });

  it('a stale X-LC-Session is ignored: the phone decides', async () => {
    const { phone } = await signUpUnverified();
    const send = (path: string, body: object) =>
      lc.service
        .http()
        .post(`/1.1/${path}`)
        .set(signedHeaders())
        .set('X-LC-Session', 'stale-session-token-0123')
        .send(body);
    await send('requestMobilePhoneVerify', { mobilePhoneNumber: phone }).expect(200, {});
    const verified = await send(`verifyMobilePhone/${lc.receiver.lastCodeFor(phone)}`, {
      mobilePhoneNumber: phone,
    }).expect(200);
    expect(verified.body).toEqual({ objectId: expect.any(String), updatedAt: expect.any(String) });
  });

  it('signed in, it stays the user’s own phone: another user’s is 213', async () => {
    const { AV } = lc;
    const other = await signUpUnverified();
    const me = await signUpUnverified();
    // Username log-in is not blocked for an unverified phone (LeanCloud's rule too).
    await AV.User.logIn(me.username, me.password);
    expect((await sdkError(AV.User.requestMobilePhoneVerify(other.phone))).code).toBe(213);
    expect(lc.receiver.messagesTo(other.phone)).toHaveLength(0);
    await AV.User.requestMobilePhoneVerify(me.phone);
    await AV.User.verifyMobilePhone(lc.receiver.lastCodeFor(me.phone));
    expect(AV.User.current()?.id).toBe(me.id);
  });
});
