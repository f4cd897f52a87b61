import { Client } from 'pg';
import { Accounts, ADMIN, bearer } from '../support/accounts';
import { EventReceiver, ReceivedEvent } from '../support/event-receiver';
import { subscribe } from '../support/event-endpoints';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

const PASSWORD = 'first-password-1';
const NEW_PASSWORD = 'second-password-2';

describe('Lifecycle events of accounts and sessions', () => {
  let database: IsolatedDatabase;
  let sms: WebhookReceiver;
  let events: EventReceiver;
  let service: TestApp;
  let accounts: Accounts;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    sms = await new WebhookReceiver().start();
    events = await new EventReceiver().start();
    service = await startTestApp({
      DATABASE_URL: database.url,
      ...sms.settings,
      EVENTS_RELAY_INTERVAL_MS: '50',
      SMS_RESEND_INTERVAL_SECONDS: '0',
    });
    accounts = new Accounts(service, sms);
    await subscribe(service, events);
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([sms.stop(), events.stop()]);
    await database.drop();
  });

  const http = () => service.http();
  /** The id of the session this token is. */
  const sessionOf = async (token: string): Promise<string> => {
    const response = await http().get('/v1/sessions').set('Authorization', bearer(token));
    const items = (response.body as { items: Array<{ id: string; current: boolean }> }).items;
    const current = items.find((item) => item.current);
    if (!current) throw new Error(`No current session: ${response.status} ${response.text}`);
    return current.id;
  };
  const logIn = async (phone: string, password: string): Promise<string> => {
    const response = await http().post('/v1/sessions').send({ phone, password }).expect(201);
    return (response.body as { sessionToken: string }).sessionToken;
  };
  /** Every event about this account, in the order received. */
  const eventsOf = (userId: string): ReceivedEvent[] =>
    events.received.filter((event) => event.data.userId === userId);
  /** The types of these events grouped by commit (`timestamp`), in commit order. */
  const byCommit = (received: ReceivedEvent[]): string[][] => {
    const groups = new Map<string, string[]>();
    for (const event of received) {
      groups.set(event.timestamp, [...(groups.get(event.timestamp) ?? []), event.type]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
      .map(([, types]) => types.sort());
  };
  /** What a receiver must never be told: passwords, codes, tokens, hashes (by value or key). */
  const expectNoSecrets = (received: ReceivedEvent[], secrets: string[]): void => {
    const text = JSON.stringify(received.map((event) => event.data));
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/"(password|passwordHash|code|token|sessionToken|secret)":/i);
    expect(text).not.toMatch(/argon2|\$[0-9a-z]+\$/i);
  };

  it('tells of a sign-up, a log-in, a password change and a log-out, each signed', async () => {
    const account = await accounts.signUp({ password: PASSWORD });
    const userId = account.user.id;
    const [created] = await events.waitFor('user.created', { userId });
    expect(created.data).toEqual({
      userId,
      phone: account.phone,
      username: null,
      mobilePhoneVerified: true,
      method: 'sms',
    });

    const second = await logIn(account.phone, PASSWORD);
    await events.waitFor('user.signed_in', { userId, method: 'password' });

    const firstSession = await sessionOf(account.sessionToken);
    await http()
      .put('/v1/users/me/password')
      .set('Authorization', bearer(second))
      .send({ oldPassword: PASSWORD, newPassword: NEW_PASSWORD })
      .expect(204);
    await events.waitFor('user.password_changed', { userId, by: 'user' });
    const [revoked] = await events.waitFor('session.revoked', {
      userId,
      reason: 'password_changed',
    });
    expect(revoked.data.sessionIds).toEqual([firstSession]);

    const secondSession = await sessionOf(second);
    await http().delete('/v1/sessions/current').set('Authorization', bearer(second)).expect(204);
    const [loggedOut] = await events.waitFor('session.revoked', { userId, reason: 'signed_out' });
    expect(loggedOut.data.sessionIds).toEqual([secondSession]);

    const told = eventsOf(userId);
    // Deliveries run concurrently, so arrival order is not the order of the changes: a
    // receiver orders by `timestamp`, the commit's time, which the changes of one transaction
    // (the password and the sessions it ended) share.
    expect(byCommit(told)).toEqual([
      ['user.created'],
      ['user.signed_in'],
      ['session.revoked', 'user.password_changed'],
      ['session.revoked'],
    ]);
    for (const event of told) expect(event.signatureValid).toBe(true);
    expect(new Set(told.map((event) => event.webhookId)).size).toBe(told.length);
    expectNoSecrets(told, [PASSWORD, NEW_PASSWORD, account.sessionToken, second]);
  });

  it('tells of a phone verified and changed, a password reset and an account disabled', async () => {
    const account = await accounts.signUp({ password: PASSWORD });
    const userId = account.user.id;
    const token = account.sessionToken;
    // An operator marks the number unverified (a recycled number): the owner proves it again.
    await http()
      .patch(`/v1/admin/users/${userId}`)
      .set('Authorization', ADMIN)
      .send({ mobilePhoneVerified: false })
      .expect(200);
    const verifyCode = await accounts.codeFor(account.phone, 'verify_phone', token);
    await http()
      .post('/v1/users/me/phone-verification')
      .set('Authorization', bearer(token))
      .send({ code: verifyCode })
      .expect(200);
    await events.waitFor('user.phone_verified', { userId, phone: account.phone, by: 'code' });

    const newPhone = uniqueCnPhone();
    const changeCode = await accounts.codeFor(newPhone, 'change_phone', token);
    await http()
      .put('/v1/users/me/phone')
      .set('Authorization', bearer(token))
      .send({ phone: newPhone, code: changeCode, currentPassword: PASSWORD })
      .expect(200);
    const [changed] = await events.waitFor('user.phone_changed', { userId });
    expect(changed.data).toEqual({ userId, phone: newPhone, previousPhone: account.phone });

    const session = await sessionOf(token);
    const resetCode = await accounts.codeFor(newPhone, 'reset_password');
    await http()
      .post('/v1/password-resets')
      .send({ phone: newPhone, code: resetCode, password: NEW_PASSWORD })
      .expect(204);
    await events.waitFor('user.password_reset', { userId });
    const [reset] = await events.waitFor('session.revoked', { userId, reason: 'password_reset' });
    expect(reset.data.sessionIds).toEqual([session]);

    const afterReset = await logIn(newPhone, NEW_PASSWORD);
    const lastSession = await sessionOf(afterReset);
    await http()
      .patch(`/v1/admin/users/${userId}`)
      .set('Authorization', ADMIN)
      .send({ disabled: true })
      .expect(200);
    await events.waitFor('user.disabled', { userId });
    const [disabled] = await events.waitFor('session.revoked', { userId, reason: 'user_disabled' });
    expect(disabled.data.sessionIds).toEqual([lastSession]);
    // Disabling it again changes nothing, so tells nothing.
    await http()
      .patch(`/v1/admin/users/${userId}`)
      .set('Authorization', ADMIN)
      .send({ disabled: true })
      .expect(200);

    const told = eventsOf(userId);
    for (const event of told) expect(event.signatureValid).toBe(true);
    expect(told.filter((event) => event.type === 'user.disabled')).toHaveLength(1);
    expectNoSecrets(told, [PASSWORD, NEW_PASSWORD, token, afterReset]);
  });

  it('tells nothing of a change that rolled back, and tells it once it commits', async () => {
    // An account whose phone is unverified: the first code log-in claims it, revoking its
    // sessions (session.revoked) before it marks the phone verified (user.phone_verified).
    const account = await accounts.signUpUnverified(PASSWORD);
    const userId = account.user.id;
    const oldSession = await sessionOf(account.sessionToken);

    // A row lock held elsewhere makes the claim's transaction wait past its timeout after it
    // wrote session.revoked: the whole transaction rolls back, its event with it.
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
      const code = await accounts.codeFor(account.phone, 'login');
      const refused = await http().post('/v1/sessions').send({ phone: account.phone, code });
      expect(refused.status).toBeGreaterThanOrEqual(500);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    await accounts.me(account.sessionToken).expect(200);

    const code = await accounts.codeFor(account.phone, 'login');
    await http().post('/v1/sessions').send({ phone: account.phone, code }).expect(201);
    const [claimed] = await events.waitFor('session.revoked', { userId, reason: 'phone_claimed' });
    expect(claimed.data.sessionIds).toEqual([oldSession]);
    await events.waitFor('user.signed_in', { userId, method: 'sms' });
    // Events are relayed in commit order, so nothing of the rolled-back try is still to come.
    expect(events.events('session.revoked', { userId })).toHaveLength(1);
    expect(events.events('user.phone_verified', { userId })).toHaveLength(1);
  }, 30_000);
});
