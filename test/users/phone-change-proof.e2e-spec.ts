import { Accounts, bearer, SignedUp } from '../support/accounts';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

/**
 * PUT /v1/users/me/phone asks for proof of the account besides the session: the current
 * password, or for an account without one a change_phone_confirm code sent to its phone. So
 * whoever holds only a stolen session cannot move the account to a phone of theirs.
 */
describe('PUT /v1/users/me/phone: proof of the account', () => {
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

  const changePhone = (token: string, body: object) =>
    service.http().put('/v1/users/me/phone').set('Authorization', bearer(token)).send(body);
  const requestCode = (token: string, phone: string, purpose: string) =>
    service
      .http()
      .post('/v1/sms/codes')
      .set('Authorization', bearer(token))
      .send({ phone, purpose });
  const phoneOf = async (account: SignedUp): Promise<string> =>
    (await accounts.me(account.sessionToken).expect(200)).body.phone as string;
  /** A change_phone code for a new phone, asked for with the session. */
  async function newPhoneCode(account: SignedUp): Promise<{ phone: string; code: string }> {
    const phone = uniqueCnPhone();
    return { phone, code: await accounts.codeFor(phone, 'change_phone', account.sessionToken) };
  }

  describe('an account with a password', () => {
    it('refuses without currentPassword (PhoneChangeProofRequired), keeping the new code', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const target = await newPhoneCode(account);

      const response = await changePhone(account.sessionToken, target).expect(403);

      expect(response.body).toEqual({
        statusCode: 403,
        code: 'PhoneChangeProofRequired',
        message: expect.stringContaining('currentPassword'),
      });
      expect(await phoneOf(account)).toBe(account.phone);
      await changePhone(account.sessionToken, {
        ...target,
        currentPassword: 'correct horse',
      }).expect(200);
      expect(await phoneOf(account)).toBe(target.phone);
    });

    it('refuses a wrong password with WrongPassword and changes nothing; the right one moves it', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const target = await newPhoneCode(account);

      const wrong = await changePhone(account.sessionToken, {
        ...target,
        currentPassword: 'wrong horse',
      }).expect(403);

      expect(wrong.body.code).toBe('WrongPassword');
      expect(await phoneOf(account)).toBe(account.phone);
      // Checked before the new phone's code: that code was not used up.
      const right = await changePhone(account.sessionToken, {
        ...target,
        currentPassword: 'correct horse',
      }).expect(200);
      expect(right.body).toMatchObject({ phone: target.phone, mobilePhoneVerified: true });
      await service
        .http()
        .post('/v1/sessions')
        .send({ phone: target.phone, password: 'correct horse' })
        .expect(201);
    });

    it('counts wrong passwords with the log-in guesses of the phone', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const target = await newPhoneCode(account);
      for (let guess = 0; guess < 5; guess++) {
        await changePhone(account.sessionToken, {
          ...target,
          currentPassword: `guess ${guess}`,
        }).expect(403);
      }

      const limited = await changePhone(account.sessionToken, {
        ...target,
        currentPassword: 'correct horse',
      }).expect(429);
      const logIn = await service
        .http()
        .post('/v1/sessions')
        .send({ phone: account.phone, password: 'correct horse' })
        .expect(429);

      expect(limited.body.code).toBe('TooManyAttempts');
      expect(logIn.body.code).toBe('TooManyAttempts');
      expect(await phoneOf(account)).toBe(account.phone);
    });

    it('sends it no change_phone_confirm code: the password is its proof', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const sent = receiver.messagesTo(account.phone).length;
      const response = await requestCode(
        account.sessionToken,
        account.phone,
        'change_phone_confirm',
      ).expect(403);
      expect(response.body.code).toBe('PhoneChangeProofRequired');
      expect(receiver.messagesTo(account.phone)).toHaveLength(sent);
    });
  });

  describe('an account without a password', () => {
    it('needs a change_phone_confirm code sent to the current phone', async () => {
      const account = await accounts.signUp();
      const target = await newPhoneCode(account);

      const missing = await changePhone(account.sessionToken, target).expect(403);
      const byPassword = await changePhone(account.sessionToken, {
        ...target,
        currentPassword: 'any password',
      }).expect(403);
      expect(missing.body.code).toBe('PhoneChangeProofRequired');
      expect(missing.body.message).toContain('change_phone_confirm');
      expect(byPassword.body.code).toBe('PhoneChangeProofRequired');

      await requestCode(account.sessionToken, account.phone, 'change_phone_confirm').expect(202);
      const currentPhoneCode = receiver.lastCodeFor(account.phone);
      const wrongCode = currentPhoneCode === '000000' ? '111111' : '000000';
      const wrong = await changePhone(account.sessionToken, {
        ...target,
        currentPhoneCode: wrongCode,
      }).expect(400);
      expect(wrong.body.code).toBe('CodeIsError');
      expect(await phoneOf(account)).toBe(account.phone);

      // A mistyped new-phone code costs neither code.
      const mistyped = await changePhone(account.sessionToken, {
        phone: target.phone,
        code: target.code === '000000' ? '111111' : '000000',
        currentPhoneCode,
      }).expect(400);
      expect(mistyped.body.code).toBe('CodeIsError');

      const moved = await changePhone(account.sessionToken, { ...target, currentPhoneCode }).expect(
        200,
      );
      expect(moved.body).toMatchObject({ phone: target.phone, mobilePhoneVerified: true });

      // The old phone's code was used up with the change.
      const back = await newPhoneCode(account);
      const reused = await changePhone(account.sessionToken, { ...back, currentPhoneCode });
      expect(reused.status).toBe(400);
      expect(['CodeIsError', 'CodeHasValid']).toContain(reused.body.code);
    });

    it('sends change_phone_confirm codes only with a session, and only to its own phone', async () => {
      const account = await accounts.signUp();
      const elsewhere = uniqueCnPhone();

      const anonymous = await service
        .http()
        .post('/v1/sms/codes')
        .send({ phone: account.phone, purpose: 'change_phone_confirm' })
        .expect(401);
      const mismatch = await requestCode(
        account.sessionToken,
        elsewhere,
        'change_phone_confirm',
      ).expect(403);

      expect(anonymous.body.code).toBe('SessionInvalid');
      expect(mismatch.body.code).toBe('PhoneMismatch');
      expect(receiver.messagesTo(elsewhere)).toHaveLength(0);
    });
  });

  describe('a stolen session', () => {
    it('cannot move an account with a password to the thief’s phone', async () => {
      const victim = await accounts.signUp({ password: 'victim password' });
      const stolen = victim.sessionToken;
      const thiefPhone = uniqueCnPhone();

      // The thief gets a change_phone code: it goes to their own phone.
      await requestCode(stolen, thiefPhone, 'change_phone').expect(202);
      const code = receiver.lastCodeFor(thiefPhone);
      const attempts = [
        await changePhone(stolen, { phone: thiefPhone, code }),
        await changePhone(stolen, { phone: thiefPhone, code, currentPassword: 'guessed' }),
        await changePhone(stolen, { phone: thiefPhone, code, currentPhoneCode: '123456' }),
        await requestCode(stolen, thiefPhone, 'change_phone_confirm'),
        await requestCode(stolen, victim.phone, 'change_phone_confirm'),
      ];

      expect(attempts.map((answer) => [answer.status, answer.body.code])).toEqual([
        [403, 'PhoneChangeProofRequired'],
        [403, 'WrongPassword'],
        [403, 'PhoneChangeProofRequired'],
        [403, 'PhoneMismatch'],
        [403, 'PhoneChangeProofRequired'],
      ]);
      expect(await phoneOf(victim)).toBe(victim.phone);
      await service
        .http()
        .post('/v1/sessions')
        .send({ phone: victim.phone, password: 'victim password' })
        .expect(201);
    });

    it('cannot move a code-only account: the confirmation goes to the victim’s phone', async () => {
      const victim = await accounts.signUp();
      const stolen = victim.sessionToken;
      const thiefPhone = uniqueCnPhone();
      await requestCode(stolen, thiefPhone, 'change_phone').expect(202);
      const code = receiver.lastCodeFor(thiefPhone);

      const redirected = await requestCode(stolen, thiefPhone, 'change_phone_confirm').expect(403);
      await requestCode(stolen, victim.phone, 'change_phone_confirm').expect(202);
      const onVictimsPhone = receiver.lastCodeFor(victim.phone);
      const guessed = await changePhone(stolen, {
        phone: thiefPhone,
        code,
        currentPhoneCode: onVictimsPhone === '000000' ? '111111' : '000000',
      });

      expect(redirected.body.code).toBe('PhoneMismatch');
      // The confirmation code went to the victim's phone only; the thief's phone got one code.
      expect(receiver.messagesTo(thiefPhone)).toHaveLength(1);
      expect(guessed.status).toBe(400);
      expect(guessed.body.code).toBe('CodeIsError');
      expect(await phoneOf(victim)).toBe(victim.phone);
    });
  });
});
