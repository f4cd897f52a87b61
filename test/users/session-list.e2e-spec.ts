import { PrismaService } from '@app/prisma';
import { SessionService } from '@app/user';
import { Accounts, bearer, SignedUp } from '../support/accounts';
import { fakeClock } from '../support/clock';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

interface SessionBody {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  clientIp: string | null;
  userAgent: string | null;
  current: boolean;
}

/** Password log-ins take one of the phone's 5 tries each (a right one clears them): 5 at a time. */
const PARALLEL_LOG_INS = 5;

describe('Sessions of one account: the cap, the list, revoking one', () => {
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

  const list = (token: string) =>
    service.http().get('/v1/sessions').set('Authorization', bearer(token));
  const revoke = (token: string, id: string) =>
    service.http().delete(`/v1/sessions/${id}`).set('Authorization', bearer(token));

  async function logIns(app: TestApp, account: SignedUp, count: number): Promise<string[]> {
    const tokens: string[] = [];
    for (let done = 0; done < count; done += PARALLEL_LOG_INS) {
      const round = await Promise.all(
        Array.from({ length: Math.min(PARALLEL_LOG_INS, count - done) }, () =>
          app
            .http()
            .post('/v1/sessions')
            .send({ phone: account.phone, password: account.password }),
        ),
      );
      for (const response of round) {
        expect(response.status).toBe(201);
        tokens.push(response.body.sessionToken as string);
      }
    }
    return tokens;
  }

  async function liveTokens(app: TestApp, tokens: string[]): Promise<string[]> {
    const answers = await Promise.all(
      tokens.map((token) => app.http().get('/v1/users/me').set('Authorization', bearer(token))),
    );
    for (const answer of answers) expect([200, 401]).toContain(answer.status);
    return tokens.filter((_token, index) => answers[index].status === 200);
  }

  describe('USER_MAX_SESSIONS', () => {
    it('keeps at most 20 sessions by default, revoking the oldest first', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const tokens = await logIns(service, account, 25);

      const signUpSession = await accounts.me(account.sessionToken).expect(401);
      expect(signUpSession.body.code).toBe('SessionInvalid');
      const live = await liveTokens(service, tokens);
      expect(live).toHaveLength(20);
      // The newest round is never what goes.
      expect(live).toEqual(expect.arrayContaining(tokens.slice(-PARALLEL_LOG_INS)));
      expect((await list(tokens.at(-1) as string).expect(200)).body.items).toHaveLength(20);
    });

    it('never leaves more than the cap, however many log-ins run in parallel', async () => {
      const capped = await startTestApp({
        ...receiver.settings,
        SMS_RESEND_INTERVAL_SECONDS: '0',
        USER_MAX_SESSIONS: '3',
      });
      try {
        const account = await new Accounts(capped, receiver).signUp({ password: 'correct horse' });
        const prisma = capped.app.get(PrismaService);
        const all: string[] = [];
        for (let round = 0; round < 4; round++) {
          all.push(...(await logIns(capped, account, PARALLEL_LOG_INS)));
          expect(await prisma.session.count({ where: { userId: account.user.id } })).toBe(3);
        }
        const live = await liveTokens(capped, [account.sessionToken, ...all]);
        expect(live).toHaveLength(3);
        // The last round opened more than the cap after every other: those left are of it.
        expect(all.slice(-PARALLEL_LOG_INS)).toEqual(expect.arrayContaining(live));

        // Argon2 spaces HTTP log-ins out; 30 sessions opened at the same instant are the race
        // itself (the same call every log-in, sign-up and /1.1 route makes).
        const sessions = capped.app.get(SessionService);
        const opened = await Promise.all(
          Array.from({ length: 30 }, () =>
            sessions.open(account.user.id, { clientIp: '192.0.2.1' }),
          ),
        );
        expect(await prisma.session.count({ where: { userId: account.user.id } })).toBe(3);
        expect(await liveTokens(capped, opened)).toHaveLength(3);
      } finally {
        await capped.close();
      }
    });
  });

  describe('GET /v1/sessions', () => {
    it("lists the account's own sessions, newest first, marking the current one", async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const bystander = await accounts.signUp();
      const other = await service
        .http()
        .post('/v1/sessions')
        .set('User-Agent', 'phone-app/2.1 (e2e)')
        .send({ phone: account.phone, password: 'correct horse' })
        .expect(201);

      const response = await list(account.sessionToken).expect(200);
      const items = response.body.items as SessionBody[];

      expect(Object.keys(response.body)).toEqual(['items']);
      expect(items).toHaveLength(2);
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual(
          ['clientIp', 'createdAt', 'current', 'expiresAt', 'id', 'lastUsedAt', 'userAgent'].sort(),
        );
        expect(item.clientIp).toMatch(/127\.0\.0\.1/);
        expect(Date.parse(item.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(item.createdAt));
      }
      const [newest, oldest] = items;
      expect(Date.parse(newest.createdAt)).toBeGreaterThanOrEqual(Date.parse(oldest.createdAt));
      expect(newest).toMatchObject({ userAgent: 'phone-app/2.1 (e2e)', current: false });
      expect(oldest.current).toBe(true);
      expect(JSON.stringify(response.body)).not.toContain(account.sessionToken);
      expect(JSON.stringify(response.body)).not.toContain(other.body.sessionToken);

      const fromOther = (await list(other.body.sessionToken).expect(200)).body
        .items as SessionBody[];
      expect(fromOther.map((item) => [item.id, item.current])).toEqual([
        [newest.id, true],
        [oldest.id, false],
      ]);
      const theirs = (await list(bystander.sessionToken).expect(200)).body.items as SessionBody[];
      expect(theirs).toHaveLength(1);
      expect(items.map((item) => item.id)).not.toContain(theirs[0].id);
    });

    it('shows the last use, written at most once a minute', async () => {
      const account = await accounts.signUp();
      const [created] = (await list(account.sessionToken).expect(200)).body.items as SessionBody[];
      const start = Date.now();
      fakeClock();

      jest.setSystemTime(start + 30_000);
      const soon = (await list(account.sessionToken).expect(200)).body.items as SessionBody[];
      expect(soon[0].lastUsedAt).toBe(created.lastUsedAt);

      jest.setSystemTime(start + 5 * 60_000);
      await accounts.me(account.sessionToken).expect(200);
      const later = (await list(account.sessionToken).expect(200)).body.items as SessionBody[];
      expect(Date.parse(later[0].lastUsedAt)).toBe(start + 5 * 60_000);
      expect(later[0].createdAt).toBe(created.createdAt);
    });

    it('needs a session', async () => {
      const response = await service.http().get('/v1/sessions').expect(401);
      expect(response.body.code).toBe('SessionInvalid');
    });
  });

  describe('DELETE /v1/sessions/:id', () => {
    it('revokes one of its own sessions: that token is SessionInvalid, the others live', async () => {
      const account = await accounts.signUp({ password: 'correct horse' });
      const [other, third] = await logIns(service, account, 2);
      const items = (await list(account.sessionToken).expect(200)).body.items as SessionBody[];
      const target = (await list(other).expect(200)).body.items.find(
        (item: SessionBody) => item.current,
      ) as SessionBody;

      await revoke(account.sessionToken, target.id).expect(204);

      expect((await accounts.me(other).expect(401)).body.code).toBe('SessionInvalid');
      await accounts.me(account.sessionToken).expect(200);
      await accounts.me(third).expect(200);
      const after = (await list(account.sessionToken).expect(200)).body.items as SessionBody[];
      expect(after.map((item) => item.id).sort()).toEqual(
        items
          .map((item) => item.id)
          .filter((id) => id !== target.id)
          .sort(),
      );
      // Gone is gone: a second revoke finds nothing.
      expect((await revoke(account.sessionToken, target.id).expect(404)).body.code).toBe(
        'SessionNotFound',
      );
    });

    it('revokes the current session too', async () => {
      const account = await accounts.signUp();
      const [mine] = (await list(account.sessionToken).expect(200)).body.items as SessionBody[];
      await revoke(account.sessionToken, mine.id).expect(204);
      expect((await accounts.me(account.sessionToken).expect(401)).body.code).toBe(
        'SessionInvalid',
      );
    });

    it("answers another account's session like an unknown one, and leaves it alone", async () => {
      const account = await accounts.signUp();
      const victim = await accounts.signUp();
      const [theirs] = (await list(victim.sessionToken).expect(200)).body.items as SessionBody[];

      const foreign = await revoke(account.sessionToken, theirs.id).expect(404);
      const unknown = await revoke(
        account.sessionToken,
        '00000000-0000-4000-8000-000000000000',
      ).expect(404);

      expect(foreign.body).toEqual(unknown.body);
      expect(foreign.body).toEqual({
        statusCode: 404,
        code: 'SessionNotFound',
        message: expect.any(String),
      });
      await accounts.me(victim.sessionToken).expect(200);
    });

    it('refuses an id that is not a UUID with InValidParam', async () => {
      const account = await accounts.signUp();
      const response = await revoke(account.sessionToken, 'not-a-uuid').expect(400);
      expect(response.body.code).toBe('InValidParam');
    });
  });
});
