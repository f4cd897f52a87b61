import { LeanCloudTestApp, sdkError, startLeanCloudApp } from '../support/leancloud';
import { initSdk2, initSdk3, Sdk } from '../support/leancloud-sdks';
import { uniqueCnPhone } from '../support/phones';

/**
 * SDK 2.x and 3.x apps, each pointed here the way its version takes a server (the guide's
 * lines), send codes, check them and sign in by SMS against this service.
 */
describe.each([
  ['3.15.0', initSdk3],
  ['2.5.4', initSdk2],
])('LeanCloud JS SDK %s', (_version, init) => {
  let lc: LeanCloudTestApp;
  let AV: Sdk;

  beforeAll(async () => {
    lc = await startLeanCloudApp({ SMS_RESEND_INTERVAL_SECONDS: '0' });
    AV = init(lc.serverURL);
  });
  afterAll(() => lc.close());

  it('sends a code to this service and verifies it once', async () => {
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const code = lc.receiver.lastCodeFor(phone);
    await AV.Cloud.verifySmsCode(code, phone);
    expect((await sdkError(AV.Cloud.verifySmsCode(code, phone))).code).toBe(603);
  });

  it('signs up by signUpOrlogInWithMobilePhone and becomes the user again', async () => {
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const user = await AV.User.signUpOrlogInWithMobilePhone(phone, lc.receiver.lastCodeFor(phone));
    const sessionToken = user.getSessionToken();
    expect(sessionToken).toEqual(expect.any(String));
    expect(user.get('mobilePhoneVerified')).toBe(true);

    // Signed out first: `become` works from the token alone (2.5.4 sends it as
    // `?session_token=`, 3.x as X-LC-Session).
    await AV.User.logOut();
    const again = await AV.User.become(sessionToken);
    expect(again.id).toBe(user.id);
    expect(again.getMobilePhoneNumber()).toBe(phone);
    expect(AV.User.current()?.id).toBe(user.id);
    await AV.User.logOut();
  });
});
