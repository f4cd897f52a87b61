import { PhoneTakenError, UsernameTakenError } from '@app/user';
import { UsersRepository } from '../../libs/user/src/users/users.repository';
import { Accounts, accountsWithPhone, bearer } from '../support/accounts';
import { fakeClock } from '../support/clock';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

describe('Sign-up: POST /v1/users', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let accounts: Accounts;

  beforeAll(async () => {
    await receiver.start();
    // No resend interval, so one phone can hold codes of several purposes at once.
    service = await startTestApp({
      ...receiver.settings,
      SMS_RESEND_INTERVAL_SECONDS: '0',
      SMS_CODE_MAX_ATTEMPTS: '2',
      USER_SMS_SIGNUP_ON_LOGIN: 'true',
    });
    accounts = new Accounts(service, receiver);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  afterEach(() => jest.useRealTimers());

  const signUp = (body: object) => service.http().post('/v1/users').send(body);
  const codeStillVerifies = async (phone: string, code: string, purpose = 'signup') => {
    await service.http().post('/v1/sms/codes/verify').send({ phone, code, purpose }).expect(200);
  };

  it('creates a verified account from a signup code and signs it in', async () => {
    const phone = uniqueCnPhone();
    const code = await accounts.codeFor(phone, 'signup');

    const response = await signUp({ phone, code, password: 'correct horse', username: 'Ann_1' });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      user: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        phone,
        username: 'Ann_1',
        mobilePhoneVerified: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      sessionToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const me = await accounts.me(response.body.sessionToken).expect(200);
    expect(me.body).toEqual(response.body.user);
    await service
      .http()
      .post('/v1/sessions')
      .send({ phone, password: 'correct horse' })
      .expect(201);
  });

  it('stores the phone in E.164 whatever form it was typed in', async () => {
    const phone = uniqueCnPhone();
    const code = await accounts.codeFor(phone, 'signup');
    const national = phone.slice(3);
    const response = await signUp({ phone: national, code }).expect(201);
    expect(response.body.user.phone).toBe(phone);
  });

  it('creates an account without a password, which logs in with codes only', async () => {
    const { phone } = await accounts.signUp();
    const withPassword = await service
      .http()
      .post('/v1/sessions')
      .send({ phone, password: 'any password' })
      .expect(401);
    expect(withPassword.body.code).toBe('InvalidCredentials');
    const code = await accounts.codeFor(phone, 'login');
    await service.http().post('/v1/sessions').send({ phone, code }).expect(201);
  });

  it('refuses to send a signup code to a phone that has an account', async () => {
    const { phone } = await accounts.signUp();
    const response = await service
      .http()
      .post('/v1/sms/codes')
      .send({ phone, purpose: 'signup' })
      .expect(409);
    expect(response.body).toEqual({
      statusCode: 409,
      code: 'PhoneTaken',
      message: expect.any(String),
    });
    expect(receiver.messagesTo(phone)).toHaveLength(1);
  });

  it('answers PhoneTaken when the phone got an account after the code was sent, keeping the code', async () => {
    const phone = uniqueCnPhone();
    const signupCode = await accounts.codeFor(phone, 'signup');
    // Meanwhile the phone signs up by logging in with a code (USER_SMS_SIGNUP_ON_LOGIN).
    const loginCode = await accounts.codeFor(phone, 'login');
    await service.http().post('/v1/sessions').send({ phone, code: loginCode }).expect(201);

    const response = await signUp({ phone, code: signupCode }).expect(409);

    expect(response.body.code).toBe('PhoneTaken');
    await codeStillVerifies(phone, signupCode);
  });

  describe('refuses bad input before it uses the code', () => {
    it.each([
      ['a password of 7 characters', { password: '1234567' }, 'password'],
      ['a password of 129 characters', { password: 'x'.repeat(129) }, 'password'],
      ['a password that is not a string', { password: 12345678 }, 'password'],
      ['a null password', { password: null }, 'password'],
      ['a username of 2 characters', { username: 'ab' }, 'username'],
      ['a username with a space', { username: 'ann smith' }, 'username'],
      ['a non-ASCII username', { username: 'аnn' }, 'username'],
      ['a username starting with a dot', { username: '.ann' }, 'username'],
      ['an unknown field', { mobilePhoneVerified: false }, 'mobilePhoneVerified'],
      ['a phone that is not a string', { phone: 8613800138000 }, 'phone'],
    ])('%s: InValidParam', async (_case, override, field) => {
      const phone = uniqueCnPhone();
      const code = await accounts.codeFor(phone, 'signup');

      const response = await signUp({ phone, code, ...override }).expect(400);

      expect(response.body).toMatchObject({ statusCode: 400, code: 'InValidParam' });
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      await codeStillVerifies(phone, code);
    });

    it('a malformed phone: PhoneInvalid', async () => {
      const response = await signUp({ phone: '+86138', code: '123456' }).expect(400);
      expect(response.body.code).toBe('PhoneInvalid');
    });

    it('a username taken by another account, in any case: UsernameTaken', async () => {
      const { user } = await accounts.signUp({ username: `Taken_${Date.now()}` });
      const phone = uniqueCnPhone();
      const code = await accounts.codeFor(phone, 'signup');

      const response = await signUp({ phone, code, username: user.username?.toLowerCase() });

      expect(response.status).toBe(409);
      expect(response.body.code).toBe('UsernameTaken');
      // The same code still signs up with another username.
      await signUp({ phone, code, username: `free_${Date.now()}` }).expect(201);
    });
  });

  describe('code errors', () => {
    it('MissingCode without a code or with an empty one', async () => {
      const phone = uniqueCnPhone();
      expect((await signUp({ phone }).expect(400)).body.code).toBe('MissingCode');
      expect((await signUp({ phone, code: '' }).expect(400)).body.code).toBe('MissingCode');
    });

    it('CodeIsError for a wrong code, and for a code of another purpose', async () => {
      const phone = uniqueCnPhone();
      const loginCode = await accounts.codeFor(phone, 'login');
      const response = await signUp({ phone, code: loginCode }).expect(400);
      expect(response.body.code).toBe('CodeIsError');
      const noCode = await signUp({ phone: uniqueCnPhone(), code: '123456' }).expect(400);
      expect(noCode.body.code).toBe('CodeIsError');
    });

    it('CodeHasValid once the code died of wrong tries', async () => {
      const phone = uniqueCnPhone();
      const code = await accounts.codeFor(phone, 'signup');
      const wrong = code === '000000' ? '111111' : '000000';
      await signUp({ phone, code: wrong }).expect(400);
      await signUp({ phone, code: wrong }).expect(400);
      const response = await signUp({ phone, code }).expect(400);
      expect(response.body.code).toBe('CodeHasValid');
      expect(await accountsWithPhone(service, phone)).toEqual([]);
    });

    it('CodeHasExpired after SMS_CODE_TTL_MINUTES', async () => {
      const phone = uniqueCnPhone();
      const code = await accounts.codeFor(phone, 'signup');
      fakeClock();
      jest.setSystemTime(Date.now() + 10 * 60_000 + 1000);
      const response = await signUp({ phone, code }).expect(400);
      expect(response.body.code).toBe('CodeHasExpired');
    });
  });

  describe('races', () => {
    it('two sign-ups with one code at once: one account, the other refused', async () => {
      const phone = uniqueCnPhone();
      const code = await accounts.codeFor(phone, 'signup');

      const responses = await Promise.all([
        signUp({ phone, code, password: 'first password' }),
        signUp({ phone, code, password: 'second password' }),
      ]);

      const statuses = responses.map((r) => r.status).sort();
      expect(statuses[0]).toBe(201);
      const loser = responses.find((r) => r.status !== 201);
      expect([400, 409]).toContain(loser?.status);
      expect(['CodeHasValid', 'PhoneTaken']).toContain(loser?.body.code);
      expect(await accountsWithPhone(service, phone)).toHaveLength(1);
    });

    it('a sign-up and a log-in that signs up, each with its own valid code: one account', async () => {
      const phone = uniqueCnPhone();
      const signupCode = await accounts.codeFor(phone, 'signup');
      const loginCode = await accounts.codeFor(phone, 'login');

      const [signedUp, loggedIn] = await Promise.all([
        signUp({ phone, code: signupCode }),
        service.http().post('/v1/sessions').send({ phone, code: loginCode }),
      ]);

      const [account] = await accountsWithPhone(service, phone);
      expect(await accountsWithPhone(service, phone)).toHaveLength(1);
      // The log-in proved the phone: it signs in to whichever account won.
      expect(loggedIn.status).toBe(201);
      expect(loggedIn.body.user.id).toBe(account.id);
      if (signedUp.status === 201) {
        expect(signedUp.body.user.id).toBe(account.id);
      } else {
        expect(signedUp.status).toBe(409);
        expect(signedUp.body.code).toBe('PhoneTaken');
      }
    });

    it('a sign-up and a phone change to the same number at once: one holder', async () => {
      const mover = await accounts.signUp();
      const phone = uniqueCnPhone();
      const changeCode = await accounts.codeFor(phone, 'change_phone', mover.sessionToken);
      const signupCode = await accounts.codeFor(phone, 'signup');
      const currentPhoneCode = await accounts.codeFor(
        mover.phone,
        'change_phone_confirm',
        mover.sessionToken,
      );

      const [changed, signedUp] = await Promise.all([
        service
          .http()
          .put('/v1/users/me/phone')
          .set('Authorization', bearer(mover.sessionToken))
          .send({ phone, code: changeCode, currentPhoneCode }),
        signUp({ phone, code: signupCode }),
      ]);

      const statuses = [changed.status, signedUp.status].sort();
      expect([
        [200, 409],
        [201, 409],
      ]).toContainEqual(statuses);
      const refused = changed.status === 409 ? changed : signedUp;
      expect(refused.body.code).toBe('PhoneTaken');
      expect(await accountsWithPhone(service, phone)).toHaveLength(1);
    });

    it('the database decides: concurrent inserts of one phone or one username conflict', async () => {
      const users = service.app.get(UsersRepository);
      const phone = uniqueCnPhone();

      const samePhone = await Promise.allSettled([
        users.create({ phone, mobilePhoneVerified: true }),
        users.create({ phone, mobilePhoneVerified: true }),
      ]);
      expect(samePhone.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const phoneConflict = samePhone.find((r) => r.status === 'rejected');
      expect(phoneConflict?.reason).toBeInstanceOf(PhoneTakenError);

      const name = `Race_${Date.now()}`;
      const sameName = await Promise.allSettled([
        users.create({ phone: uniqueCnPhone(), username: name, mobilePhoneVerified: true }),
        users.create({
          phone: uniqueCnPhone(),
          username: name.toUpperCase(),
          mobilePhoneVerified: true,
        }),
      ]);
      expect(sameName.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const nameConflict = sameName.find((r) => r.status === 'rejected');
      expect(nameConflict?.reason).toBeInstanceOf(UsernameTakenError);
    });
  });
});
