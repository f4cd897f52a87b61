import type AVType from 'leancloud-storage';
import {
  LeanCloudTestApp,
  leanCloudSettings,
  sdkError,
  signedHeaders,
  startLeanCloudApp,
} from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';

let serial = 0;
const uniqueName = (): string => `pl${Date.now().toString(36)}${(serial += 1)}`;

/** `updatePassword` is in SDK 4.15.2 (dist/node/user.js:990), not in its typings. */
const updatePassword = (user: AVType.User, oldPassword: string, newPassword: string) =>
  (user as unknown as { updatePassword(o: string, n: string): Promise<unknown> }).updatePassword(
    oldPassword,
    newPassword,
  );

/**
 * USER_PASSWORD_MIN_LENGTH=6, as a LeanCloud app that allowed 6-character passwords sets it:
 * the official SDK's sign-up and password change take 6 characters and get 107 for 5.
 */
describe('LeanCloud /1.1: USER_PASSWORD_MIN_LENGTH', () => {
  let lc: LeanCloudTestApp;
  let defaults: TestApp;

  beforeAll(async () => {
    lc = await startLeanCloudApp({ USER_PASSWORD_MIN_LENGTH: '6' });
    defaults = await startTestApp(leanCloudSettings);
  });

  afterAll(async () => {
    await lc.close();
    await defaults.close();
  });

  afterEach(() => lc.AV.User.logOut());

  const signUp = (password: string): Promise<AVType.User> => {
    const user = new lc.AV.User();
    user.setUsername(uniqueName());
    user.setPassword(password);
    user.setMobilePhoneNumber(uniqueCnPhone());
    return user.signUp();
  };

  it('signs up with 6 characters and logs in with them', async () => {
    const user = await signUp('abc123');
    await lc.AV.User.logOut();
    expect((await lc.AV.User.logIn(user.getUsername(), 'abc123')).id).toBe(user.id);
  });

  it('takes 6 characters at a sign-up by SMS code, and refuses 5 before the code is used', async () => {
    const { AV } = lc;
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const code = lc.receiver.lastCodeFor(phone);
    const short = await sdkError(
      AV.User.signUpOrlogInWithMobilePhone(phone, code, { password: 'abc12' }),
    );
    expect(short.code).toBe(107);
    await AV.User.signUpOrlogInWithMobilePhone(phone, code, { password: 'abc123' });
    await AV.User.logOut();
    expect((await AV.User.logInWithMobilePhone(phone, 'abc123')).getMobilePhoneNumber()).toBe(
      phone,
    );
  });

  it('refuses 5 characters with 107 and the rule', async () => {
    const short = await sdkError(signUp('abc12'));
    expect(short.code).toBe(107);
    expect(short.rawMessage).toBe('a password has 6 to 128 characters');
  });

  it('changes the password to 6 characters, not to 5', async () => {
    const user = await signUp('first password');
    const refused = await sdkError(updatePassword(user, 'first password', '12345'));
    expect(refused.code).toBe(107);
    await updatePassword(user, 'first password', '123456');
    await lc.AV.User.logOut();
    expect((await lc.AV.User.logIn(user.getUsername(), '123456')).id).toBe(user.id);
  });

  it('keeps 8 by default', async () => {
    const body = { username: uniqueName(), mobilePhoneNumber: uniqueCnPhone() };
    const send = (password: string) =>
      defaults
        .http()
        .post('/1.1/users')
        .set(signedHeaders())
        .send({ ...body, password });
    expect((await send('abcd123').expect(400)).body).toEqual({
      code: 107,
      error: 'a password has 8 to 128 characters',
    });
    await send('abcd1234').expect(201);
  });
});
