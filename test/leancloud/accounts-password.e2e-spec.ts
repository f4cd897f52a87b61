import type AVType from 'leancloud-storage';
import {
  LEANCLOUD_APP,
  LeanCloudTestApp,
  sdkError,
  signedHeaders,
  startLeanCloudApp,
} from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';

/** `updatePassword` is in SDK 4.15.2 (dist/node/user.js:990), not in its typings. */
interface PasswordUpdating {
  updatePassword(oldPassword: string, newPassword: string): Promise<unknown>;
}
const updating = (user: AVType.User): PasswordUpdating => user as unknown as PasswordUpdating;

let serial = 0;
const uniqueName = (): string => `lc${Date.now().toString(36)}${(serial += 1)}`;

/** Username and password accounts through the official SDK. */
describe('LeanCloud /1.1: accounts with a password', () => {
  let lc: LeanCloudTestApp;

  beforeAll(async () => {
    lc = await startLeanCloudApp({ SMS_RESEND_INTERVAL_SECONDS: '0' });
  });

  afterAll(() => lc.close());
  afterEach(() => lc.AV.User.logOut());

  async function signUp(
    fields: { username?: string; password?: string; phone?: string } = {},
  ): Promise<{ user: AVType.User; username: string; password: string; phone: string }> {
    const username = fields.username ?? uniqueName();
    const password = fields.password ?? 'secret password';
    const phone = fields.phone ?? uniqueCnPhone();
    const user = new lc.AV.User();
    user.setUsername(username);
    user.setPassword(password);
    user.setMobilePhoneNumber(phone);
    await user.signUp();
    return { user, username, password, phone };
  }

  it('signs up with username, password and phone; the phone is not verified yet', async () => {
    const { user, username, phone } = await signUp();
    expect(user.id).toEqual(expect.any(String));
    expect(user.getSessionToken()).toEqual(expect.any(String));
    expect(user.getUsername()).toBe(username);
    expect(user.getMobilePhoneNumber()).toBe(phone);
    expect(user.get('mobilePhoneVerified')).toBe(false);
    expect(user.get('password')).toBeUndefined();
  });

  it('answers the sign-up with 201, a Location and the whole user', async () => {
    const response = await lc.service
      .http()
      .post('/1.1/users')
      .set(signedHeaders())
      .send({
        username: uniqueName(),
        password: 'secret password',
        mobilePhoneNumber: uniqueCnPhone(),
      })
      .expect(201);
    expect(response.headers.location).toBe(`/1.1/users/${response.body.objectId}`);
    expect(response.body).toEqual({
      objectId: expect.any(String),
      username: expect.any(String),
      mobilePhoneNumber: expect.stringMatching(/^\+86/),
      mobilePhoneVerified: false,
      emailVerified: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      sessionToken: expect.any(String),
    });
  });

  it('logs in by username, by phone, and by the phone as username', async () => {
    const { AV } = lc;
    const { user, username, password, phone } = await signUp();
    await AV.User.logOut();
    expect((await AV.User.logIn(username, password)).id).toBe(user.id);
    expect((await AV.User.logIn(username.toUpperCase(), password)).id).toBe(user.id);
    expect((await AV.User.logInWithMobilePhone(phone, password)).id).toBe(user.id);
    expect((await AV.User.logIn(phone.slice(3), password)).id).toBe(user.id);
  });

  it('answers 210 for a wrong password or an unknown user, then 219 after too many', async () => {
    const { AV } = lc;
    const { username, phone } = await signUp();
    expect((await sdkError(AV.User.logIn(username, 'wrong password'))).code).toBe(210);
    expect((await sdkError(AV.User.logIn(uniqueName(), 'wrong password'))).code).toBe(210);
    for (let attempt = 2; attempt <= 5; attempt++) {
      await sdkError(AV.User.logInWithMobilePhone(phone, 'wrong password'));
    }
    expect((await sdkError(AV.User.logIn(username, 'secret password'))).code).toBe(219);
  });

  it('answers 202 for a taken username, 214 for a taken phone, 107 for a short password', async () => {
    const { username, phone } = await signUp();
    expect((await sdkError(signUp({ username: username.toUpperCase() }))).code).toBe(202);
    expect((await sdkError(signUp({ phone }))).code).toBe(214);
    const short = await sdkError(signUp({ password: 'short' }));
    expect(short.code).toBe(107);
    expect(short.rawMessage).toMatch(/8 to 128 characters/);
  });

  it.each([
    ['no username', { password: 'secret password', mobilePhoneNumber: '+8613800138000' }, 200],
    ['no password', { username: 'someone', mobilePhoneNumber: '+8613800138000' }, 201],
    ['no phone', { username: 'someone', password: 'secret password' }, 212],
  ])('refuses a sign-up with %s (%d)', async (_case, body, code) => {
    const response = await lc.service.http().post('/1.1/users').set(signedHeaders()).send(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(code);
  });

  it('becomes a user by session token, and answers 211 for an unknown one', async () => {
    const { AV } = lc;
    const { user } = await signUp();
    await AV.User.logOut();
    const became = await AV.User.become(user.getSessionToken());
    expect(became.id).toBe(user.id);
    expect(became.getSessionToken()).toBe(user.getSessionToken());
    expect(AV.User.current()?.id).toBe(user.id);
    expect((await sdkError(AV.User.become('not-a-session-token'))).code).toBe(211);
  });

  it('refreshes the session token; the old one stops working', async () => {
    const { AV } = lc;
    const { user } = await signUp();
    const old = user.getSessionToken();
    await user.refreshSessionToken();
    expect(user.getSessionToken()).not.toBe(old);
    expect((await sdkError(AV.User.become(old))).code).toBe(211);
    expect((await AV.User.become(user.getSessionToken())).id).toBe(user.id);
  });

  it('refreshes any user’s token with the Master Key, and no other user’s with a session', async () => {
    const { user } = await signUp();
    const other = await signUp();
    const asOther = await lc.service
      .http()
      .put(`/1.1/users/${user.id}/refreshSessionToken`)
      .set({ ...signedHeaders(), 'X-LC-Session': other.user.getSessionToken() })
      .send('null');
    expect(asOther.body.code).toBe(206);
    const asMaster = await lc.service
      .http()
      .put(`/1.1/users/${user.id}/refreshSessionToken`)
      .set(signedHeaders(LEANCLOUD_APP.masterKey, 'master'))
      .send('null')
      .expect(200);
    expect(asMaster.body).toMatchObject({ objectId: user.id, sessionToken: expect.any(String) });
  });

  it('updates the password with the old one', async () => {
    const { AV } = lc;
    const { user, username } = await signUp();
    await updating(user).updatePassword('secret password', 'another password');
    expect(user.getSessionToken()).toEqual(expect.any(String));
    await AV.User.logOut();
    expect((await AV.User.logIn(username, 'another password')).id).toBe(user.id);
    const current = AV.User.current();
    expect(
      (await sdkError(updating(current).updatePassword('wrong password', 'third password'))).code,
    ).toBe(210);
  });

  it('verifies the signed-in user’s phone with requestMobilePhoneVerify and verifyMobilePhone', async () => {
    const { AV } = lc;
    const { user, phone } = await signUp();
    await AV.User.requestMobilePhoneVerify(phone);
    await AV.User.verifyMobilePhone(lc.receiver.lastCodeFor(phone));
    const fetched = await AV.User.become(user.getSessionToken());
    expect(fetched.get('mobilePhoneVerified')).toBe(true);
    // Verified already: no SMS, no error, as on LeanCloud.
    const sent = lc.receiver.messagesTo(phone).length;
    await AV.User.requestMobilePhoneVerify(phone);
    expect(lc.receiver.messagesTo(phone)).toHaveLength(sent);
  });
});
