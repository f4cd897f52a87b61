import { createHash } from 'node:crypto';
import { PrismaService } from '@app/prisma';
import { Accounts, ADMIN, bearer } from '../support/accounts';
import { fakeClock } from '../support/clock';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { startRedis } from '../support/throwaway-services';
import { WebhookReceiver } from '../support/webhook-receiver';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('Log-in and sessions', () => {
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

  afterEach(() => jest.useRealTimers());

  const logIn = (body: object) => service.http().post('/v1/sessions').send(body);
  const disable = (userId: string) =>
    service
      .http()
      .patch(`/v1/admin/users/${userId}`)
      .set('Authorization', ADMIN)
      .send({ disabled: true })
      .expect(200);

  describe('POST /v1/sessions with a password', () => {
    it('opens a new session of its own', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });

      const response = await logIn({ phone: account.phone, password: 'correct horse' }).expect(201);

      expect(response.body).toEqual({
        user: account.user,
        sessionToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      expect(response.body.sessionToken).not.toBe(account.sessionToken);
      await accounts.me(response.body.sessionToken).expect(200);
      await accounts.me(account.sessionToken).expect(200);
    });

    it('gives one answer for an unknown phone, no password and a wrong password', async () => {
      const withPassword = await accounts.signUp({ password: 'correct horse' });
      const withoutPassword = await accounts.signUp();
      const answers = await Promise.all([
        logIn({ phone: uniqueCnPhone(), password: 'correct horse' }),
        logIn({ phone: withoutPassword.phone, password: 'correct horse' }),
        logIn({ phone: withPassword.phone, password: 'wrong horse' }),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.body).toEqual(answers[0].body);
      }
      expect(answers[0].body).toEqual({
        statusCode: 401,
        code: 'InvalidCredentials',
        message: 'The phone number or the password is wrong',
      });
    });

    it('tells UserDisabled only to someone who knows the password', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      await disable(account.user.id);
      const wrong = await logIn({ phone: account.phone, password: 'wrong horse' }).expect(401);
      expect(wrong.body.code).toBe('InvalidCredentials');
      const right = await logIn({ phone: account.phone, password: 'correct horse' }).expect(403);
      expect(right.body.code).toBe('UserDisabled');
    });

    it.each([
      ['both a password and a code', { password: 'correct horse', code: '123456' }],
      ['neither a password nor a code', {}],
      ['a null password', { password: null }],
      ['an empty password', { password: '' }],
      ['a password of 129 characters', { password: 'x'.repeat(129) }],
    ])('refuses %s with InValidParam', async (_case, fields) => {
      const response = await logIn({ phone: uniqueCnPhone(), ...fields }).expect(400);
      expect(response.body.code).toBe('InValidParam');
      expect(response.body.errors.length).toBeGreaterThan(0);
    });
  });

  describe('password guesses: 5 per phone in 15 minutes', () => {
    it('answers TooManyAttempts after 5 failures, even to the right password', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      for (let i = 0; i < 5; i++) {
        await logIn({ phone: account.phone, password: `wrong ${i}` }).expect(401);
      }

      const locked = await logIn({ phone: account.phone, password: 'correct horse' }).expect(429);

      expect(locked.body).toEqual({
        statusCode: 429,
        code: 'TooManyAttempts',
        message: expect.any(String),
        retryAfter: expect.any(Number),
      });
      expect(locked.body.retryAfter).toBeGreaterThan(14 * 60);
      expect(locked.body.retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(locked.headers['retry-after']).toBe(String(locked.body.retryAfter));
    });

    it('counts guesses at a phone with no account alike, so the limit tells nothing', async () => {
      const phone = uniqueCnPhone();
      for (let i = 0; i < 5; i++) await logIn({ phone, password: `guess ${i}` }).expect(401);
      expect((await logIn({ phone, password: 'guess 5' }).expect(429)).body.code).toBe(
        'TooManyAttempts',
      );
    });

    it('lets no more than 5 concurrent guesses through', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          logIn({ phone: account.phone, password: `w${i}xxxx` }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    });

    it('fails closed without Redis: no password is checked (ServiceUnavailable)', async () => {
      const redis = await startRedis();
      const isolated = await startTestApp({ ...receiver.settings, REDIS_URL: redis.url });
      try {
        const account = await new Accounts(isolated, receiver).signUp({
          password: 'correct horse',
        });
        await redis.stop();
        const response = await isolated
          .http()
          .post('/v1/sessions')
          .send({ phone: account.phone, password: 'correct horse' });
        expect(response.status).toBe(503);
        expect(response.body.code).toBe('ServiceUnavailable');
      } finally {
        await isolated.close();
        await redis.stop();
      }
    });

    it('clears the count after a right password, and after a log-in by code', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const fail = (times: number) =>
        Promise.all(
          Array.from({ length: times }, () =>
            logIn({ phone: account.phone, password: 'wrong horse' }).expect(401),
          ),
        );
      await fail(4);
      await logIn({ phone: account.phone, password: 'correct horse' }).expect(201);
      await fail(4);
      await logIn({ phone: account.phone, password: 'correct horse' }).expect(201);

      await fail(1);
      await logIn({ phone: account.phone, password: 'wrong horse' }).expect(401);
      await fail(3);
      await logIn({ phone: account.phone, password: 'correct horse' }).expect(429);
      const code = await accounts.codeFor(account.phone, 'login');
      await logIn({ phone: account.phone, code }).expect(201);
      await logIn({ phone: account.phone, password: 'correct horse' }).expect(201);
    });
  });

  describe('POST /v1/sessions with a code', () => {
    it('logs in, and verifies a phone that was not verified', async () => {
      const account = await accounts.signUpUnverified('correct horse');
      const code = await accounts.codeFor(account.phone, 'login');

      const response = await logIn({ phone: account.phone, code }).expect(201);

      expect(response.body.user).toMatchObject({ id: account.user.id, mobilePhoneVerified: true });
      const me = await accounts.me(response.body.sessionToken).expect(200);
      expect(me.body.mobilePhoneVerified).toBe(true);
    });

    it('uses a code once', async () => {
      const account = await accounts.signUp();
      const code = await accounts.codeFor(account.phone, 'login');
      await logIn({ phone: account.phone, code }).expect(201);
      const replay = await logIn({ phone: account.phone, code }).expect(400);
      expect(replay.body.code).toBe('CodeHasValid');
    });

    it('answers the code errors: MissingCode, CodeIsError', async () => {
      const account = await accounts.signUp();
      const code = await accounts.codeFor(account.phone, 'login');
      const wrong = code === '000000' ? '111111' : '000000';
      expect((await logIn({ phone: account.phone, code: '' }).expect(400)).body.code).toBe(
        'MissingCode',
      );
      expect((await logIn({ phone: account.phone, code: wrong }).expect(400)).body.code).toBe(
        'CodeIsError',
      );
    });

    it('refuses a disabled account, before and after a code is sent', async () => {
      const account = await accounts.signUp();
      const code = await accounts.codeFor(account.phone, 'login');
      await disable(account.user.id);

      const send = await service
        .http()
        .post('/v1/sms/codes')
        .send({ phone: account.phone, purpose: 'login' })
        .expect(403);
      expect(send.body.code).toBe('UserDisabled');
      expect((await logIn({ phone: account.phone, code }).expect(403)).body.code).toBe(
        'UserDisabled',
      );
    });
  });

  describe('session tokens', () => {
    it.each([
      ['no Authorization header', undefined],
      ['an empty bearer', 'Bearer '],
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['a malformed token', 'Bearer not-a-token'],
      ['a well-formed unknown token', `Bearer ${'A'.repeat(43)}`],
      ['the admin key', ADMIN],
    ])('refuses %s with SessionInvalid', async (_case, authorization) => {
      const request = service.http().get('/v1/users/me');
      if (authorization !== undefined) void request.set('Authorization', authorization);
      const response = await request.expect(401);
      expect(response.body).toEqual({
        statusCode: 401,
        code: 'SessionInvalid',
        message: expect.any(String),
      });
    });

    it('stores only the SHA-256 of a token, with where the session came from', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const response = await logIn({ phone: account.phone, password: 'correct horse' })
        .set('User-Agent', 'e2e-agent/1.0')
        .expect(201);
      const token: string = response.body.sessionToken;

      const rows = await service.app.get(PrismaService).session.findMany({
        where: { userId: account.user.id },
        orderBy: { createdAt: 'asc' },
      });

      expect(rows).toHaveLength(2);
      expect(rows[1]).toMatchObject({
        tokenHash: createHash('sha256').update(token).digest('hex'),
        userAgent: 'e2e-agent/1.0',
        clientIp: expect.stringMatching(/127\.0\.0\.1/),
      });
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(JSON.stringify(rows)).not.toContain(account.sessionToken);
    });

    it('slides the expiry with use, writing the last use at most once a minute', async () => {
      const used = await accounts.signUp();
      const idle = await accounts.signUp();
      const prisma = service.app.get(PrismaService);
      const lastUsed = async () =>
        (await prisma.session.findFirstOrThrow({ where: { userId: used.user.id } })).lastUsedAt;
      const before = await lastUsed();
      const start = Date.now();
      fakeClock();

      jest.setSystemTime(start + 30_000);
      await accounts.me(used.sessionToken).expect(200);
      expect(await lastUsed()).toEqual(before);

      jest.setSystemTime(start + 29 * DAY_MS);
      await accounts.me(used.sessionToken).expect(200);
      expect((await lastUsed()).getTime()).toBe(start + 29 * DAY_MS);

      jest.setSystemTime(start + 31 * DAY_MS);
      await accounts.me(used.sessionToken).expect(200);
      const expired = await accounts.me(idle.sessionToken).expect(401);
      expect(expired.body.code).toBe('SessionInvalid');

      jest.setSystemTime(start + 60 * DAY_MS);
      await accounts.me(used.sessionToken).expect(200);
      jest.setSystemTime(start + 91 * DAY_MS);
      await accounts.me(used.sessionToken).expect(401);
    });

    it('DELETE /v1/sessions/current revokes this session only', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const other = await logIn({ phone: account.phone, password: 'correct horse' }).expect(201);

      await service
        .http()
        .delete('/v1/sessions/current')
        .set('Authorization', bearer(account.sessionToken))
        .expect(204);

      expect((await accounts.me(account.sessionToken).expect(401)).body.code).toBe(
        'SessionInvalid',
      );
      await accounts.me(other.body.sessionToken).expect(200);
      await service
        .http()
        .delete('/v1/sessions/current')
        .set('Authorization', bearer(account.sessionToken))
        .expect(401);
    });

    it('DELETE /v1/sessions revokes every session of the account, and only of it', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const bystander = await accounts.signUp();
      const other = await logIn({ phone: account.phone, password: 'correct horse' }).expect(201);

      await service
        .http()
        .delete('/v1/sessions')
        .set('Authorization', bearer(account.sessionToken))
        .expect(204);

      await accounts.me(account.sessionToken).expect(401);
      await accounts.me(other.body.sessionToken).expect(401);
      await accounts.me(bystander.sessionToken).expect(200);
    });
  });
});
