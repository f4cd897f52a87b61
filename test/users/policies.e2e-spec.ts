import { Accounts } from '../support/accounts';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

/**
 * Each USER_* policy both ways. The instances share the database (so an account made
 * through one is seen by all) and each has its own Redis prefix (its own codes).
 */
describe('Account policies', () => {
  const receiver = new WebhookReceiver();
  /** Every policy at its default. */
  let defaults: TestApp;
  /** USER_SMS_SIGNUP_ON_LOGIN, USER_BLOCK_UNVERIFIED_LOGIN and USER_ALLOW_UNVERIFIED_RESET on. */
  let flipped: TestApp;
  /** USER_SMS_LOGIN off. */
  let noSmsLogin: TestApp;
  let accounts: Accounts;

  beforeAll(async () => {
    await receiver.start();
    const base = { ...receiver.settings, SMS_RESEND_INTERVAL_SECONDS: '0' };
    [defaults, flipped, noSmsLogin] = await Promise.all([
      startTestApp(base),
      startTestApp({
        ...base,
        USER_SMS_SIGNUP_ON_LOGIN: 'true',
        USER_BLOCK_UNVERIFIED_LOGIN: 'true',
        USER_ALLOW_UNVERIFIED_RESET: 'true',
      }),
      startTestApp({ ...base, USER_SMS_LOGIN: 'false' }),
    ]);
    accounts = new Accounts(defaults, receiver);
  });

  afterAll(async () => {
    await Promise.all([defaults.close(), flipped.close(), noSmsLogin.close()]);
    await receiver.stop();
  });

  const requestCode = (service: TestApp, phone: string, purpose: string) =>
    service.http().post('/v1/sms/codes').send({ phone, purpose });
  const codeFrom = async (service: TestApp, phone: string, purpose: string) => {
    await requestCode(service, phone, purpose).expect(202);
    return receiver.lastCodeFor(phone);
  };
  const logIn = (service: TestApp, body: object) => service.http().post('/v1/sessions').send(body);
  const reset = (service: TestApp, body: object) =>
    service.http().post('/v1/password-resets').send(body);

  describe('USER_SMS_LOGIN', () => {
    it('on (default): a login code is sent and logs in', async () => {
      const { phone } = await accounts.signUp();
      const code = await codeFrom(defaults, phone, 'login');
      await logIn(defaults, { phone, code }).expect(201);
    });

    it('off: no login code is sent, a code log-in is refused, passwords still work', async () => {
      const { phone } = await accounts.signUp({ password: 'correct horse' });
      const sentBefore = receiver.messagesTo(phone).length;

      const send = await requestCode(noSmsLogin, phone, 'login').expect(403);
      const withCode = await logIn(noSmsLogin, { phone, code: '123456' }).expect(403);

      expect(send.body.code).toBe('SmsLoginDisabled');
      expect(withCode.body.code).toBe('SmsLoginDisabled');
      expect(receiver.messagesTo(phone)).toHaveLength(sentBefore);
      await logIn(noSmsLogin, { phone, password: 'correct horse' }).expect(201);
    });
  });

  describe('USER_SMS_SIGNUP_ON_LOGIN', () => {
    it('off (default): a phone with no account gets UserNotFound, at send and at log-in', async () => {
      const phone = uniqueCnPhone();
      const send = await requestCode(defaults, phone, 'login').expect(404);
      expect(send.body).toEqual({
        statusCode: 404,
        code: 'UserNotFound',
        message: expect.any(String),
      });
      expect(receiver.messagesTo(phone)).toHaveLength(0);
      expect((await logIn(defaults, { phone, code: '123456' }).expect(404)).body.code).toBe(
        'UserNotFound',
      );
    });

    it('on: a code for a phone with no account creates a verified account without password', async () => {
      const phone = uniqueCnPhone();
      const code = await codeFrom(flipped, phone, 'login');

      const response = await logIn(flipped, { phone, code }).expect(201);

      expect(response.body.user).toMatchObject({ phone, mobilePhoneVerified: true });
      const withPassword = await logIn(flipped, { phone, password: 'anything at all' });
      expect(withPassword.body.code).toBe('InvalidCredentials');
      // Afterwards the phone logs in to that same account.
      const again = await codeFrom(flipped, phone, 'login');
      const second = await logIn(flipped, { phone, code: again }).expect(201);
      expect(second.body.user.id).toBe(response.body.user.id);
    });
  });

  describe('USER_BLOCK_UNVERIFIED_LOGIN', () => {
    it('off (default): an unverified phone logs in with its password', async () => {
      const { phone } = await accounts.signUpUnverified('correct horse');
      const response = await logIn(defaults, { phone, password: 'correct horse' }).expect(201);
      expect(response.body.user.mobilePhoneVerified).toBe(false);
    });

    it('on: PhoneNotVerified for the right password only, until a code verifies the phone', async () => {
      const { phone } = await accounts.signUpUnverified('correct horse');

      const blocked = await logIn(flipped, { phone, password: 'correct horse' }).expect(403);
      const wrong = await logIn(flipped, { phone, password: 'wrong horse' }).expect(401);

      expect(blocked.body.code).toBe('PhoneNotVerified');
      expect(wrong.body.code).toBe('InvalidCredentials');
      const code = await codeFrom(flipped, phone, 'login');
      await logIn(flipped, { phone, code }).expect(201);
      // Verified now: a password the holder sets again (by SMS reset) logs in.
      const resetCode = await codeFrom(flipped, phone, 'reset_password');
      await flipped
        .http()
        .post('/v1/password-resets')
        .send({ phone, code: resetCode, password: 'battery staple' })
        .expect(204);
      await logIn(flipped, { phone, password: 'battery staple' }).expect(201);
    });

    it('drops the password and sessions an unverified account had when a code first proves its phone', async () => {
      // Someone registered the number with a password without ever proving it.
      const squatter = await accounts.signUpUnverified('squatters password');
      const squatterSession = await logIn(defaults, {
        phone: squatter.phone,
        password: 'squatters password',
      }).expect(201);

      const code = await codeFrom(defaults, squatter.phone, 'login');
      const owner = await logIn(defaults, { phone: squatter.phone, code }).expect(201);

      expect(owner.body.user).toMatchObject({ id: squatter.user.id, mobilePhoneVerified: true });
      const withOldPassword = await logIn(defaults, {
        phone: squatter.phone,
        password: 'squatters password',
      }).expect(401);
      expect(withOldPassword.body.code).toBe('InvalidCredentials');
      for (const token of [squatter.sessionToken, squatterSession.body.sessionToken]) {
        expect((await accounts.me(token).expect(401)).body.code).toBe('SessionInvalid');
      }
      await accounts.me(owner.body.sessionToken).expect(200);
    });

    it('keeps the password of an account whose phone was already verified', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const code = await codeFrom(defaults, account.phone, 'login');
      await logIn(defaults, { phone: account.phone, code }).expect(201);
      await logIn(defaults, { phone: account.phone, password: 'correct horse' }).expect(201);
      await accounts.me(account.sessionToken).expect(200);
    });
  });

  describe('USER_ALLOW_UNVERIFIED_RESET', () => {
    it('off (default): an unverified phone cannot reset by SMS', async () => {
      const { phone } = await accounts.signUpUnverified('correct horse');

      const send = await requestCode(defaults, phone, 'reset_password').expect(403);
      const submit = await reset(defaults, {
        phone,
        code: '123456',
        password: 'new password',
      }).expect(403);

      expect(send.body.code).toBe('PhoneNotVerified');
      expect(submit.body.code).toBe('PhoneNotVerified');
      await logIn(defaults, { phone, password: 'correct horse' }).expect(201);
    });

    it('on: it resets, and the code verifies the phone', async () => {
      const { phone } = await accounts.signUpUnverified('correct horse');
      const code = await codeFrom(flipped, phone, 'reset_password');

      await reset(flipped, { phone, code, password: 'new password' }).expect(204);

      const response = await logIn(flipped, { phone, password: 'new password' }).expect(201);
      expect(response.body.user.mobilePhoneVerified).toBe(true);
    });
  });
});
