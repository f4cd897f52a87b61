import type AVType from 'leancloud-storage';
import { ADMIN } from '../support/accounts';
import {
  LEANCLOUD_APP,
  LeanCloudTestApp,
  sdkError,
  signedHeaders,
  startLeanCloudApp,
} from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { PythonSdk, pythonError } from '../support/python-sdk';

let serial = 0;
const uniqueName = (): string => `uo${Date.now().toString(36)}${(serial += 1)}`;
const ISO_WITH_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * `_User` through LeanCloud's object routes: `user.fetch()` and `user.save()` of the JS SDK
 * 4.15.2, `new AV.Query('_User').get(id)`, and the Python SDK 3.0.2's sign-up, fetch and
 * save (its requests reproduced by test/support/python-sdk.ts), plus REST `/1.1/users/:id`.
 */
describe('LeanCloud /1.1: _User as an object', () => {
  let lc: LeanCloudTestApp;

  beforeAll(async () => {
    lc = await startLeanCloudApp({ SMS_RESEND_INTERVAL_SECONDS: '0' });
  });
  afterAll(() => lc.close());
  afterEach(() => lc.AV.User.logOut());

  const master = () => signedHeaders(LEANCLOUD_APP.masterKey, 'master');
  const asUser = (token: string) => ({ ...signedHeaders(), 'X-LC-Session': token });

  async function signUp(password = 'secret password'): Promise<AVType.User> {
    const user = new lc.AV.User();
    user.setUsername(uniqueName());
    user.setPassword(password);
    user.setMobilePhoneNumber(uniqueCnPhone());
    await user.signUp();
    return user;
  }

  describe('the JS SDK 4.15.2', () => {
    it('user.fetch() refreshes the current user (mobilePhoneVerified) and keeps its session', async () => {
      const user = await signUp();
      const token = user.getSessionToken();
      expect(user.get('mobilePhoneVerified')).toBe(false);
      // An operator (or a verification on another device) changes the account meanwhile.
      await lc.service
        .http()
        .patch(`/v1/admin/users/${user.id}`)
        .set('Authorization', ADMIN)
        .send({ mobilePhoneVerified: true })
        .expect(200);

      const current = lc.AV.User.current();
      await current.fetch();
      expect(current.get('mobilePhoneVerified')).toBe(true);
      expect(current.getSessionToken()).toBe(token);
      expect(lc.AV.User.current().get('mobilePhoneVerified')).toBe(true);
      await expect(current.isAuthenticated()).resolves.toBe(true);
    });

    it('user.save() changes the username, answered {updatedAt, objectId}; the new name logs in', async () => {
      const user = await signUp('secret password');
      const username = uniqueName();
      user.setUsername(username);
      await user.save();
      expect(lc.AV.User.current().getUsername()).toBe(username);

      const raw = await lc.service
        .http()
        .put(`/1.1/classes/_User/${user.id}`)
        .set(asUser(user.getSessionToken()))
        .send({ username: username.toUpperCase() })
        .expect(200);
      expect(raw.body).toEqual({
        objectId: user.id,
        updatedAt: expect.stringMatching(ISO_WITH_MS),
      });

      await lc.AV.User.logOut();
      const again = await lc.AV.User.logIn(username, 'secret password');
      expect(again.id).toBe(user.id);
      expect(again.getUsername()).toBe(username.toUpperCase());
    });

    it('user.save() refuses a taken username (202) and one it cannot keep (107)', async () => {
      const other = await signUp();
      const taken = other.getUsername();
      await lc.AV.User.logOut();
      const user = await signUp();
      user.setUsername(taken.toUpperCase());
      expect((await sdkError(user.save())).code).toBe(202);
      user.setUsername('张三');
      expect((await sdkError(user.save())).code).toBe(107);
    });

    it('user.save({fetchWhenSave}) answers the whole user, without a session token', async () => {
      const user = await signUp();
      const token = user.getSessionToken();
      await lc.service
        .http()
        .patch(`/v1/admin/users/${user.id}`)
        .set('Authorization', ADMIN)
        .send({ mobilePhoneVerified: true })
        .expect(200);
      user.setUsername(uniqueName());
      await user.save(null, { fetchWhenSave: true });
      // Only the whole object in the answer tells the SDK of the change made meanwhile.
      expect(user.get('mobilePhoneVerified')).toBe(true);
      expect(user.getSessionToken()).toBe(token);
    });

    it('user.save() of a new password alone is 119 (updatePassword asks for the old one)', async () => {
      const user = await signUp('secret password');
      user.setPassword('another password');
      const error = await sdkError(user.save());
      expect(error.code).toBe(119);
      expect(error.rawMessage).toContain('updatePassword');
      await lc.AV.User.logOut();
      await expect(lc.AV.User.logIn(user.getUsername(), 'secret password')).resolves.toBeTruthy();
    });

    it('user.save() of another phone is 119 (phones change by SMS); the same phone is fine', async () => {
      const user = await signUp();
      const phone = user.getMobilePhoneNumber();
      user.setMobilePhoneNumber(uniqueCnPhone());
      const error = await sdkError(user.save());
      expect(error.code).toBe(119);
      expect(error.rawMessage).toContain('changePhoneNumber');
      user.setMobilePhoneNumber(phone);
      await user.save();
    });

    it("new AV.Query('_User').get(id) reads one's own user; another user's is 206", async () => {
      const other = await signUp();
      await lc.AV.User.logOut();
      const user = await signUp();
      const own = await new lc.AV.Query('_User').get(user.id ?? '');
      expect(own.get('username')).toBe(user.getUsername());
      expect(own.get('sessionToken')).toBeUndefined();
      expect((await sdkError(new lc.AV.Query('_User').get(other.id ?? ''))).code).toBe(206);
    });
  });

  describe('REST /1.1/users/:id and /1.1/classes/_User/:id', () => {
    it('reads one’s own user without its session token', async () => {
      const user = await signUp();
      for (const path of [`/1.1/users/${user.id}`, `/1.1/classes/_User/${user.id}`]) {
        const response = await lc.service
          .http()
          .get(path)
          .set(asUser(user.getSessionToken()))
          .expect(200);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(response.body).toEqual({
          objectId: user.id,
          username: user.getUsername(),
          mobilePhoneNumber: user.getMobilePhoneNumber(),
          mobilePhoneVerified: false,
          emailVerified: false,
          createdAt: expect.stringMatching(ISO_WITH_MS),
          updatedAt: expect.stringMatching(ISO_WITH_MS),
        });
      }
    });

    it('refuses another user’s id, existing or not, with 206; no session 206, a bad one 211', async () => {
      const other = await signUp();
      await lc.AV.User.logOut();
      const user = await signUp();
      const token = user.getSessionToken();
      for (const id of [other.id, '5f1b2c3d4e5f6a7b8c9d0e1f']) {
        const read = await lc.service.http().get(`/1.1/users/${id}`).set(asUser(token));
        const write = await lc.service
          .http()
          .put(`/1.1/classes/_User/${id}`)
          .set(asUser(token))
          .send({ username: uniqueName() });
        expect([read.status, read.body.code, write.status, write.body.code]).toEqual([
          400, 206, 400, 206,
        ]);
      }
      const anonymous = await lc.service.http().get(`/1.1/users/${user.id}`).set(signedHeaders());
      expect(anonymous.body.code).toBe(206);
      const stale = await lc.service
        .http()
        .put(`/1.1/users/${user.id}`)
        .set(asUser('0'.repeat(32)))
        .send({ username: uniqueName() });
      expect(stale.body.code).toBe(211);
    });

    it('changes the password with old_password, checked as updatePassword checks it', async () => {
      const user = await signUp('secret password');
      const token = user.getSessionToken();
      const wrong = await lc.service
        .http()
        .put(`/1.1/users/${user.id}`)
        .set(asUser(token))
        .send({ password: 'new password', old_password: 'not the password' });
      expect(wrong.body.code).toBe(210);
      await lc.service
        .http()
        .put(`/1.1/users/${user.id}`)
        .set(asUser(token))
        .send({ password: 'new password', old_password: 'secret password' })
        .expect(200);
      await lc.AV.User.logOut();
      await expect(lc.AV.User.logIn(user.getUsername(), 'new password')).resolves.toBeTruthy();
    });

    it('lets the Master Key read and update any user; an unknown id is 101 with HTTP 404', async () => {
      const user = await signUp('secret password');
      const oldToken = user.getSessionToken();
      await lc.AV.User.logOut();

      const read = await lc.service.http().get(`/1.1/classes/_User/${user.id}`).set(master());
      expect(read.status).toBe(200);
      expect(read.body.objectId).toBe(user.id);
      expect(read.body.sessionToken).toBeUndefined();

      const username = uniqueName();
      await lc.service
        .http()
        .put(`/1.1/users/${user.id}`)
        .set(master())
        .send({ username, password: 'set by the back end' })
        .expect(200);
      // A password set with the Master Key ends every session of the user.
      const me = await lc.service.http().get('/1.1/users/me').set(asUser(oldToken));
      expect(me.body.code).toBe(211);
      const again = await lc.AV.User.logIn(username, 'set by the back end');
      expect(again.id).toBe(user.id);

      for (const request of [
        lc.service.http().get('/1.1/users/5f1b2c3d4e5f6a7b8c9d0e1f').set(master()),
        lc.service.http().put('/1.1/classes/_User/nope').set(master()).send({ username }),
      ]) {
        const response = await request;
        expect({ status: response.status, body: response.body }).toEqual({
          status: 404,
          body: { code: 101, error: 'Object not found.' },
        });
      }
    });

    it('signs up with POST /1.1/classes/_User exactly as with POST /1.1/users', async () => {
      const response = await lc.service
        .http()
        .post('/1.1/classes/_User?fetchWhenSave=false')
        .set(signedHeaders())
        .send({
          username: uniqueName(),
          password: 'secret password',
          mobilePhoneNumber: uniqueCnPhone(),
        })
        .expect(201);
      expect(response.headers.location).toBe(`/1.1/users/${response.body.objectId}`);
      expect(response.body).toMatchObject({
        mobilePhoneVerified: false,
        sessionToken: expect.any(String),
      });
    });

    it('leaves every other class an unknown route (404, code 1)', async () => {
      for (const request of [
        lc.service.http().post('/1.1/classes/Todo').set(signedHeaders()).send({}),
        lc.service.http().get('/1.1/classes/Todo/5f1b2c3d4e5f6a7b8c9d0e1f').set(signedHeaders()),
        lc.service.http().put('/1.1/classes/_Role/5f1b2c3d4e5f6a7b8c9d0e1f').set(master()).send({}),
      ]) {
        const response = await request;
        expect({ status: response.status, code: response.body.code }).toEqual({
          status: 404,
          code: 1,
        });
      }
    });
  });

  describe('the Python SDK 3.0.2', () => {
    it('signs up with user.sign_up(): POST /classes/_User, then the user is current', async () => {
      const py = new PythonSdk(lc.serverURL);
      const username = uniqueName();
      const phone = uniqueCnPhone();
      const user = py.newUser({ username, password: 'secret password', mobilePhoneNumber: phone });
      await user.sign_up();
      const [sent] = py.requests;
      expect([sent.method, sent.path, sent.query]).toEqual([
        'POST',
        '/1.1/classes/_User',
        { fetchWhenSave: 'false' },
      ]);
      expect(user.id).toEqual(expect.any(String));
      expect(user.session_token).toEqual(expect.any(String));
      expect(user.get('password')).toBeUndefined();
      expect(py.User.get_current()).toBe(user);

      user.logout();
      const again = await py.User.login_with_mobile_phone(phone, 'secret password');
      expect(again.id).toBe(user.id);
      expect(again.get('username')).toBe(username);
    });

    it('answers sign_up as POST /1.1/users: 212 without a phone, 202 for a taken name', async () => {
      const py = new PythonSdk(lc.serverURL);
      const noPhone = py.newUser({ username: uniqueName(), password: 'secret password' });
      expect((await pythonError(noPhone.sign_up())).code).toBe(212);
      const username = uniqueName();
      await py
        .newUser({ username, password: 'secret password', mobilePhoneNumber: uniqueCnPhone() })
        .sign_up();
      const twin = py.newUser({
        username: username.toUpperCase(),
        password: 'secret password',
        mobilePhoneNumber: uniqueCnPhone(),
      });
      expect((await pythonError(twin.sign_up())).code).toBe(202);
    });

    it('user.set("username", x); user.save() sends only the change; user.fetch() reads it back', async () => {
      const py = new PythonSdk(lc.serverURL);
      const phone = uniqueCnPhone();
      const user = py.newUser({
        username: uniqueName(),
        password: 'secret password',
        mobilePhoneNumber: phone,
      });
      await user.sign_up();
      const username = uniqueName();
      user.set('username', username);
      await user.save();
      const put = py.requests.at(-1);
      expect([put?.method, put?.path, put?.body]).toEqual([
        'PUT',
        `/1.1/classes/_User/${user.id}`,
        `{"username":"${username}"}`,
      ]);

      // Another process of the back end, signed in as the same user.
      const fresh = new PythonSdk(lc.serverURL);
      const same = await fresh.User.login_with_mobile_phone(phone, 'secret password');
      const token = same.session_token;
      same.set('username', 'stale-local-value');
      await same.fetch();
      expect(fresh.requests.at(-1)?.path).toBe(`/1.1/classes/_User/${user.id}`);
      expect(same.get('username')).toBe(username);
      expect(same.get('mobilePhoneVerified')).toBe(false);
      expect(same.session_token).toBe(token);
    });
  });
});
