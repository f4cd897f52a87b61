import type AVType from 'leancloud-storage';
import {
  LEANCLOUD_APP,
  LeanCloudTestApp,
  signedHeaders,
  startLeanCloudApp,
} from '../support/leancloud';
import { initSdk2, Sdk } from '../support/leancloud-sdks';
import { uniqueCnPhone } from '../support/phones';
import { PythonSdk, pythonError } from '../support/python-sdk';

let serial = 0;
const uniqueName = (): string => `me${Date.now().toString(36)}${(serial += 1)}`;

/**
 * `GET /1.1/users/me?session_token=…`: how Python's `User.become` and `is_authenticated`
 * (leancloud/python-sdk 3.0.2 user.py) and JS SDK 2.5.4's `AV.User.become` (dist/node/user.js
 * `_fetchUserBySessionToken`: `/1.1/users/me?&session_token=<token>`) ask about a token. Both
 * also send their current user's `X-LC-Session`, so the query names the user asked about.
 */
describe('LeanCloud /1.1: users/me with ?session_token=', () => {
  let lc: LeanCloudTestApp;
  let AV2: Sdk;

  beforeAll(async () => {
    lc = await startLeanCloudApp();
    AV2 = initSdk2(lc.serverURL);
  });

  afterAll(() => lc.close());

  async function signUp(): Promise<AVType.User> {
    const user = new lc.AV.User();
    user.setUsername(uniqueName());
    user.setPassword('secret password');
    user.setMobilePhoneNumber(uniqueCnPhone());
    await user.signUp();
    await lc.AV.User.logOut();
    return user;
  }

  it('JS SDK 2.5.4 becomes a user by token, and another while the first is current', async () => {
    const first = await signUp();
    const second = await signUp();
    expect((await AV2.User.become(first.getSessionToken())).id).toBe(first.id);
    expect(AV2.User.current()?.id).toBe(first.id);
    // Now the SDK sends the first user's X-LC-Session along with the second's token.
    const became = await AV2.User.become(second.getSessionToken());
    expect(became.id).toBe(second.id);
    expect(became.getSessionToken()).toBe(second.getSessionToken());
    await AV2.User.logOut();
  });

  it('JS SDK 2.5.4 gets 211 for an unknown token', async () => {
    const error = (await AV2.User.become('not-a-session-token').catch((e: unknown) => e)) as {
      code: number;
    };
    expect(error.code).toBe(211);
  });

  it('Python becomes another user while one is current, and checks tokens', async () => {
    const py = new PythonSdk(lc.serverURL);
    const first = await signUp();
    const second = await signUp();
    const current = await py.User.become(first.getSessionToken());
    expect(current.id).toBe(first.id);
    const other = await py.User.become(second.getSessionToken());
    expect(py.requests.at(-1)).toMatchObject({
      path: '/1.1/users/me',
      query: { session_token: second.getSessionToken() },
      headers: { 'X-LC-Session': first.getSessionToken() },
    });
    expect(other.id).toBe(second.id);
    expect(other.session_token).toBe(second.getSessionToken());

    // `first` is no longer current: its token goes in the query, `second`'s in the header.
    expect(await current.is_authenticated()).toBe(true);
    await lc.service
      .http()
      .put(`/1.1/users/${first.id}/refreshSessionToken`)
      .set(signedHeaders(LEANCLOUD_APP.masterKey, 'master'))
      .send('null')
      .expect(200);
    expect(await current.is_authenticated()).toBe(false);
    expect(await other.is_authenticated()).toBe(true);
    expect((await pythonError(py.User.become('not-a-session-token'))).code).toBe(211);
  });

  describe('over HTTP, as LeanEngine’s Python session middleware sends it', () => {
    const me = (query: string, header?: string) => {
      const request = lc.service.http().get(`/1.1/users/me${query}`).set(signedHeaders());
      return header === undefined ? request : request.set('X-LC-Session', header);
    };

    it('the query wins over a header of another live user', async () => {
      const first = await signUp();
      const second = await signUp();
      const response = await me(
        `?session_token=${second.getSessionToken()}`,
        first.getSessionToken(),
      ).expect(200);
      expect(response.body).toMatchObject({
        objectId: second.id,
        sessionToken: second.getSessionToken(),
      });
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('an unknown or empty query token is 211, whatever the header', async () => {
      const user = await signUp();
      for (const query of ['?session_token=not-a-token', '?session_token=']) {
        const response = await me(query, user.getSessionToken()).expect(400);
        expect(response.body).toEqual({ code: 211, error: 'Could not find user.' });
      }
    });

    it('the header alone still works; a repeated query token is 107', async () => {
      const user = await signUp();
      expect((await me('', user.getSessionToken()).expect(200)).body.objectId).toBe(user.id);
      const token = user.getSessionToken();
      const repeated = await me(`?session_token=${token}&session_token=${token}`).expect(400);
      expect(repeated.body.code).toBe(107);
    });
  });
});
