import { Accounts, ADMIN, bearer, SignedUp } from '../support/accounts';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

describe('The signed-in account: /v1/users/me and password resets', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let accounts: Accounts;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({ ...receiver.settings, SMS_RESEND_INTERVAL_SECONDS: '0' });
    accounts = new Accounts(service, receiver);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  const as = (account: SignedUp) => ({
    patch: (body: object) =>
      service
        .http()
        .patch('/v1/users/me')
        .set('Authorization', bearer(account.sessionToken))
        .send(body),
    verifyPhone: (body: object) =>
      service
        .http()
        .post('/v1/users/me/phone-verification')
        .set('Authorization', bearer(account.sessionToken))
        .send(body),
    changePhone: (body: object) =>
      service
        .http()
        .put('/v1/users/me/phone')
        .set('Authorization', bearer(account.sessionToken))
        .send(body),
    changePassword: (body: object) =>
      service
        .http()
        .put('/v1/users/me/password')
        .set('Authorization', bearer(account.sessionToken))
        .send(body),
    requestCode: (phone: string, purpose: string) =>
      service
        .http()
        .post('/v1/sms/codes')
        .set('Authorization', bearer(account.sessionToken))
        .send({ phone, purpose }),
  });
  const logIn = (body: object) => service.http().post('/v1/sessions').send(body);
  const requestCode = (phone: string, purpose: string) =>
    service.http().post('/v1/sms/codes').send({ phone, purpose });

  describe('GET and PATCH /v1/users/me', () => {
    it('answers the account, never a hash', async () => {
      const account = await accounts.signUp({ password: 'correct horse', username: 'mia_me' });
      const response = await accounts.me(account.sessionToken).expect(200);
      expect(Object.keys(response.body).sort()).toEqual(
        ['createdAt', 'id', 'mobilePhoneVerified', 'phone', 'updatedAt', 'username'].sort(),
      );
      expect(response.body).toEqual(account.user);
    });

    it('sets, keeps and removes the username', async () => {
      const account = await accounts.signUp();
      const name = `Zoe.${Date.now()}`;

      const set = await as(account).patch({ username: name }).expect(200);
      expect(set.body).toMatchObject({ id: account.user.id, username: name });
      expect((await as(account).patch({}).expect(200)).body.username).toBe(name);
      expect((await as(account).patch({ username: null }).expect(200)).body.username).toBeNull();
    });

    it('refuses a username another account has, in any case, with UsernameTaken', async () => {
      const holder = await accounts.signUp({ username: `Ivy-${Date.now()}` });
      const account = await accounts.signUp();
      const response = await as(account)
        .patch({ username: holder.user.username?.toUpperCase() })
        .expect(409);
      expect(response.body.code).toBe('UsernameTaken');
      // Changing one's own username's case is not a conflict.
      await as(holder).patch({ username: holder.user.username?.toLowerCase() }).expect(200);
    });

    it.each([
      ['a bad username', { username: 'a b' }],
      ['a numeric username', { username: 12345 }],
      ['a field that cannot be changed here', { phone: '+8613800138000' }],
      ['mobilePhoneVerified', { mobilePhoneVerified: true }],
    ])('refuses %s with InValidParam', async (_case, body) => {
      const account = await accounts.signUp();
      expect((await as(account).patch(body).expect(400)).body.code).toBe('InValidParam');
    });
  });

  describe('POST /v1/users/me/phone-verification', () => {
    it('verifies the phone with a verify_phone code sent to it', async () => {
      const account = await accounts.signUpUnverified();
      await as(account).requestCode(account.phone, 'verify_phone').expect(202);
      const code = receiver.lastCodeFor(account.phone);

      const response = await as(account).verifyPhone({ code }).expect(200);

      expect(response.body).toMatchObject({ id: account.user.id, mobilePhoneVerified: true });
      expect((await as(account).verifyPhone({ code }).expect(409)).body.code).toBe(
        'PhoneAlreadyVerified',
      );
    });

    it('sends verify_phone codes only with a session, and only to its own unverified phone', async () => {
      const account = await accounts.signUpUnverified();
      const verified = await accounts.signUp();

      const anonymous = await requestCode(account.phone, 'verify_phone').expect(401);
      const elsewhere = await as(account).requestCode(uniqueCnPhone(), 'verify_phone').expect(403);
      const again = await as(verified).requestCode(verified.phone, 'verify_phone').expect(409);

      expect(anonymous.body.code).toBe('SessionInvalid');
      expect(elsewhere.body.code).toBe('PhoneMismatch');
      expect(again.body.code).toBe('PhoneAlreadyVerified');
    });

    it('knows the caller by Authorization: Bearer alone; another scheme or an unknown token is no session', async () => {
      const account = await accounts.signUpUnverified();
      const requestWith = (authorization: string) =>
        service
          .http()
          .post('/v1/sms/codes')
          .set('Authorization', authorization)
          .send({ phone: account.phone, purpose: 'verify_phone' });
      const sentBefore = receiver.messagesTo(account.phone).length;

      for (const authorization of [
        `Basic ${account.sessionToken}`,
        account.sessionToken,
        'Bearer',
        bearer('A'.repeat(account.sessionToken.length)),
      ]) {
        const refused = await requestWith(authorization).expect(401);
        expect({ authorization, code: refused.body.code }).toEqual({
          authorization,
          code: 'SessionInvalid',
        });
      }
      expect(receiver.messagesTo(account.phone)).toHaveLength(sentBefore);

      await requestWith(`bearer  ${account.sessionToken} `).expect(202);
      expect(receiver.messagesTo(account.phone)).toHaveLength(sentBefore + 1);
    });

    it('answers the code errors', async () => {
      const account = await accounts.signUpUnverified();
      expect((await as(account).verifyPhone({}).expect(400)).body.code).toBe('MissingCode');
      expect((await as(account).verifyPhone({ code: '123456' }).expect(400)).body.code).toBe(
        'CodeIsError',
      );
    });
  });

  describe('PUT /v1/users/me/phone', () => {
    it('moves the account to a new, verified phone and frees the old one', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const phone = uniqueCnPhone();
      await as(account).requestCode(phone, 'change_phone').expect(202);

      const response = await as(account)
        .changePhone({ phone, code: receiver.lastCodeFor(phone), currentPassword: 'correct horse' })
        .expect(200);

      expect(response.body).toMatchObject({
        id: account.user.id,
        phone,
        mobilePhoneVerified: true,
      });
      await logIn({ phone, password: 'correct horse' }).expect(201);
      expect((await logIn({ phone: account.phone, password: 'correct horse' })).status).toBe(401);
      await accounts.signUp({ phone: account.phone });
      // Sessions survive a phone change.
      await accounts.me(account.sessionToken).expect(200);
    });

    it('sends change_phone codes only with a session, and only to a phone no account has', async () => {
      const account = await accounts.signUp();
      const other = await accounts.signUp();

      const anonymous = await requestCode(uniqueCnPhone(), 'change_phone').expect(401);
      const taken = await as(account).requestCode(other.phone, 'change_phone').expect(409);
      const own = await as(account).requestCode(account.phone, 'change_phone').expect(409);

      expect(anonymous.body.code).toBe('SessionInvalid');
      expect(taken.body.code).toBe('PhoneTaken');
      expect(own.body.code).toBe('PhoneTaken');
    });

    it('answers PhoneTaken if the phone got an account after the code was sent, keeping the code', async () => {
      const account = await accounts.signUp();
      const phone = uniqueCnPhone();
      await as(account).requestCode(phone, 'change_phone').expect(202);
      const code = receiver.lastCodeFor(phone);
      await accounts.signUp({ phone });

      expect((await as(account).changePhone({ phone, code }).expect(409)).body.code).toBe(
        'PhoneTaken',
      );
      await service
        .http()
        .post('/v1/sms/codes/verify')
        .send({ phone, code, purpose: 'change_phone' })
        .expect(200);
    });

    it('answers the code and phone errors', async () => {
      const account = await accounts.signUp();
      const phone = uniqueCnPhone();
      // The account has no password: the proof is a change_phone_confirm code to its phone.
      const currentPhoneCode = await accounts.codeFor(
        account.phone,
        'change_phone_confirm',
        account.sessionToken,
      );
      expect(
        (await as(account).changePhone({ phone, currentPhoneCode }).expect(400)).body.code,
      ).toBe('MissingCode');
      expect(
        (await as(account).changePhone({ phone, code: '1', currentPhoneCode }).expect(400)).body
          .code,
      ).toBe('CodeIsError');
      expect(
        (await as(account).changePhone({ phone: 'nope', code: '123456' }).expect(400)).body.code,
      ).toBe('PhoneInvalid');
    });
  });

  describe('PUT /v1/users/me/password', () => {
    it('changes the password after the old one and revokes the other sessions', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const other = await logIn({ phone: account.phone, password: 'correct horse' }).expect(201);

      await as(account)
        .changePassword({ oldPassword: 'correct horse', newPassword: 'battery staple' })
        .expect(204);

      await accounts.me(account.sessionToken).expect(200);
      expect((await accounts.me(other.body.sessionToken).expect(401)).body.code).toBe(
        'SessionInvalid',
      );
      await logIn({ phone: account.phone, password: 'battery staple' }).expect(201);
      expect((await logIn({ phone: account.phone, password: 'correct horse' })).status).toBe(401);
    });

    it('refuses a wrong old password with WrongPassword, then TooManyAttempts', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const change = (oldPassword: string) =>
        as(account).changePassword({ oldPassword, newPassword: 'battery staple' });
      for (let i = 0; i < 5; i++) {
        expect((await change(`wrong ${i}`).expect(403)).body.code).toBe('WrongPassword');
      }
      expect((await change('correct horse').expect(429)).body.code).toBe('TooManyAttempts');
      await accounts.me(account.sessionToken).expect(200);
    });

    it('answers PasswordNotSet for an account without a password', async () => {
      const account = await accounts.signUp();
      const response = await as(account)
        .changePassword({ oldPassword: 'anything', newPassword: 'battery staple' })
        .expect(409);
      expect(response.body.code).toBe('PasswordNotSet');
    });

    it.each([
      ['a short new password', { oldPassword: 'correct horse', newPassword: 'short' }],
      ['no old password', { newPassword: 'battery staple' }],
    ])('refuses %s with InValidParam', async (_case, body) => {
      const account = await accounts.signUp({ password: 'correct horse' });
      expect((await as(account).changePassword(body).expect(400)).body.code).toBe('InValidParam');
    });
  });

  describe('POST /v1/password-resets', () => {
    const reset = (body: object) => service.http().post('/v1/password-resets').send(body);

    it('sets a new password with a reset_password code and revokes every session', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const code = await accounts.codeFor(account.phone, 'reset_password');

      await reset({ phone: account.phone, code, password: 'battery staple' }).expect(204);

      expect((await accounts.me(account.sessionToken).expect(401)).body.code).toBe(
        'SessionInvalid',
      );
      await logIn({ phone: account.phone, password: 'battery staple' }).expect(201);
      expect((await logIn({ phone: account.phone, password: 'correct horse' })).status).toBe(401);
    });

    it('gives a password to an account that had none', async () => {
      const account = await accounts.signUp();
      const code = await accounts.codeFor(account.phone, 'reset_password');
      await reset({ phone: account.phone, code, password: 'battery staple' }).expect(204);
      await logIn({ phone: account.phone, password: 'battery staple' }).expect(201);
    });

    it('lifts a password lock-out: the code proves the phone', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      for (let i = 0; i < 5; i++) await logIn({ phone: account.phone, password: `w${i}xxxxxx` });
      await logIn({ phone: account.phone, password: 'correct horse' }).expect(429);
      const code = await accounts.codeFor(account.phone, 'reset_password');
      await reset({ phone: account.phone, code, password: 'battery staple' }).expect(204);
      await logIn({ phone: account.phone, password: 'battery staple' }).expect(201);
    });

    it('refuses a phone with no account with UserNotFound, at send and at reset', async () => {
      const phone = uniqueCnPhone();
      expect((await requestCode(phone, 'reset_password').expect(404)).body.code).toBe(
        'UserNotFound',
      );
      expect(
        (await reset({ phone, code: '123456', password: 'battery staple' }).expect(404)).body.code,
      ).toBe('UserNotFound');
    });

    it('refuses a disabled account with UserDisabled', async () => {
      const account = await accounts.signUp();
      const code = await accounts.codeFor(account.phone, 'reset_password');
      await service
        .http()
        .patch(`/v1/admin/users/${account.user.id}`)
        .set('Authorization', ADMIN)
        .send({ disabled: true })
        .expect(200);
      expect((await requestCode(account.phone, 'reset_password').expect(403)).body.code).toBe(
        'UserDisabled',
      );
      expect(
        (await reset({ phone: account.phone, code, password: 'battery staple' }).expect(403)).body
          .code,
      ).toBe('UserDisabled');
    });

    it('checks the new password before it uses the code', async () => {
      const account = await accounts.signUp();
      const code = await accounts.codeFor(account.phone, 'reset_password');
      const short = await reset({ phone: account.phone, code, password: 'short' }).expect(400);
      expect(short.body.code).toBe('InValidParam');
      await reset({ phone: account.phone, code, password: 'long enough' }).expect(204);
    });

    it('answers the code errors', async () => {
      const account = await accounts.signUp();
      const code = await accounts.codeFor(account.phone, 'reset_password');
      const wrong = code === '000000' ? '111111' : '000000';
      const body = { phone: account.phone, password: 'battery staple' };
      expect((await reset(body).expect(400)).body.code).toBe('MissingCode');
      expect((await reset({ ...body, code: wrong }).expect(400)).body.code).toBe('CodeIsError');
      await reset({ ...body, code }).expect(204);
      expect((await reset({ ...body, code }).expect(400)).body.code).toBe('CodeHasValid');
    });
  });
});
