import { Accounts, ADMIN, bearer, SignedUp } from '../support/accounts';
import { consoleAdmin, ConsoleSession } from '../support/admin-console';
import { EventReceiver } from '../support/event-receiver';
import { subscribe } from '../support/event-endpoints';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

interface UserSessionBody {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  clientIp: string | null;
  userAgent: string | null;
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('Admin: /v1/admin/users/:id/sessions', () => {
  let database: IsolatedDatabase;
  let sms: WebhookReceiver;
  let events: EventReceiver;
  let service: TestApp;
  let accounts: Accounts;
  let operator: ConsoleSession;
  let viewer: ConsoleSession;

  beforeAll(async () => {
    // Its own database: the webhook endpoint below then hears of this suite's accounts only.
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
    await subscribe(service, events, ['session.revoked']);
    operator = await consoleAdmin(service, 'sessions-operator', 'operator');
    viewer = await consoleAdmin(service, 'sessions-viewer', 'viewer');
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([sms.stop(), events.stop()]);
    await database.drop();
  });

  const path = (userId: string, sessionId?: string) =>
    `/v1/admin/users/${userId}/sessions${sessionId === undefined ? '' : `/${sessionId}`}`;
  const list = (userId: string) => service.http().get(path(userId)).set('Authorization', ADMIN);
  const listed = async (userId: string): Promise<UserSessionBody[]> =>
    (await list(userId).expect(200)).body.items as UserSessionBody[];
  /** A DELETE from a named admin's console session, with its CSRF token. */
  const revokeAs = (admin: ConsoleSession, userId: string, sessionId?: string) =>
    service
      .http()
      .delete(path(userId, sessionId))
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrfToken);
  const logIn = async (account: SignedUp, userAgent: string): Promise<string> => {
    const response = await service
      .http()
      .post('/v1/sessions')
      .set('User-Agent', userAgent)
      .send({ phone: account.phone, password: account.password })
      .expect(201);
    return response.body.sessionToken as string;
  };
  const revokedEvents = (userId: string) =>
    events.events('session.revoked', { userId, reason: 'admin_revoked' });

  it("lists an account's live sessions, newest first, as its owner sees them but never a token", async () => {
    const account = await accounts.signUp({ password: 'correct horse' });
    const phoneApp = await logIn(account, 'phone-app/3.0 (e2e)');
    const bystander = await accounts.signUp();

    const items = await listed(account.user.id);

    const own = await service
      .http()
      .get('/v1/sessions')
      .set('Authorization', bearer(phoneApp))
      .expect(200);
    const withoutCurrent = (own.body.items as Array<UserSessionBody & { current: boolean }>).map(
      ({ current: _current, ...rest }) => rest,
    );
    expect(items).toEqual(withoutCurrent);
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(
        ['clientIp', 'createdAt', 'expiresAt', 'id', 'lastUsedAt', 'userAgent'].sort(),
      );
    }
    expect(items[0].userAgent).toBe('phone-app/3.0 (e2e)');
    const text = JSON.stringify(items);
    expect(text).not.toContain(account.sessionToken);
    expect(text).not.toContain(phoneApp);
    expect((await listed(bystander.user.id)).map((item) => item.id)).not.toContain(items[0].id);

    // A viewer reads them too.
    const asViewer = await service
      .http()
      .get(path(account.user.id))
      .set('Cookie', viewer.cookie)
      .expect(200);
    expect(asViewer.body.items).toEqual(items);
  });

  it('revokes one session: its token is SessionInvalid, the others live, a receiver is told', async () => {
    const account = await accounts.signUp({ password: 'correct horse' });
    const laptop = await logIn(account, 'laptop/1.0 (e2e)');
    const target = await accounts.sessionIdOf(laptop);

    await revokeAs(operator, account.user.id, target).expect(204);

    expect((await accounts.me(laptop).expect(401)).body.code).toBe('SessionInvalid');
    await accounts.me(account.sessionToken).expect(200);
    expect((await listed(account.user.id)).map((item) => item.id)).not.toContain(target);
    const [told] = await events.waitFor('session.revoked', {
      userId: account.user.id,
      reason: 'admin_revoked',
    });
    expect(told.data).toEqual({
      userId: account.user.id,
      sessionIds: [target],
      reason: 'admin_revoked',
    });
    expect(told.signatureValid).toBe(true);

    // Gone is gone: a second revoke finds nothing, and tells nothing more.
    const again = await revokeAs(operator, account.user.id, target).expect(404);
    expect(again.body.code).toBe('SessionNotFound');

    const audit = await service
      .http()
      .get('/v1/admin/audit')
      .query({ adminId: operator.adminId, route: '/v1/admin/users/:id/sessions/:sessionId' })
      .set('Authorization', ADMIN)
      .expect(200);
    const entries = (audit.body.items as Array<{ path: string; status: number }>).filter(
      (entry) => entry.path === path(account.user.id, target),
    );
    expect(entries.map((entry) => entry.status).sort()).toEqual([204, 404]);
    expect(entries[0]).toMatchObject({
      actor: 'session',
      adminUsername: 'sessions-operator',
      method: 'DELETE',
      objectId: account.user.id,
    });
    // The revoked session as the list showed it, then gone; the second try found none.
    const byStatus = new Map(
      entries.map((entry) => [entry.status, entry as Record<string, unknown>]),
    );
    expect(byStatus.get(204)).toMatchObject({ before: { id: target }, after: null });
    expect(byStatus.get(404)).toMatchObject({ before: null, after: null });
    expect(revokedEvents(account.user.id)).toHaveLength(1);
  });

  it('revokes every session of the account in one event; an account without any is no error', async () => {
    const account = await accounts.signUp({ password: 'correct horse' });
    const tablet = await logIn(account, 'tablet/2.0 (e2e)');
    const ids = (await listed(account.user.id)).map((item) => item.id);
    expect(ids).toHaveLength(2);

    // The key (automation) may revoke as well.
    await service.http().delete(path(account.user.id)).set('Authorization', ADMIN).expect(204);

    for (const token of [account.sessionToken, tablet]) {
      expect((await accounts.me(token).expect(401)).body.code).toBe('SessionInvalid');
    }
    expect(await listed(account.user.id)).toEqual([]);
    const [told] = await events.waitFor('session.revoked', {
      userId: account.user.id,
      reason: 'admin_revoked',
    });
    expect([...(told.data.sessionIds as string[])].sort()).toEqual([...ids].sort());

    await revokeAs(operator, account.user.id).expect(204);
    // The relay runs every 50 ms: had the second call told anything, it would be here by now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(revokedEvents(account.user.id)).toHaveLength(1);

    // The account logs in again as before: revoking is not disabling.
    await accounts.me(await logIn(account, 'tablet/2.0 (e2e)')).expect(200);
  });

  it('refuses a viewer both revocations, leaving the sessions alone', async () => {
    const account = await accounts.signUp();
    const [session] = await listed(account.user.id);

    for (const sessionId of [session.id, undefined]) {
      const refused = await revokeAs(viewer, account.user.id, sessionId).expect(403);
      expect(refused.body).toMatchObject({ code: 'AdminRoleForbidden' });
    }
    // Without its CSRF token an operator's console session is refused too.
    const noCsrf = await service
      .http()
      .delete(path(account.user.id, session.id))
      .set('Cookie', operator.cookie)
      .expect(403);
    expect(noCsrf.body.code).toBe('CsrfTokenInvalid');
    await service.http().get(path(account.user.id)).expect(401);
    await service.http().delete(path(account.user.id)).expect(401);

    await accounts.me(account.sessionToken).expect(200);
    expect(await listed(account.user.id)).toEqual([session]);
  });

  it("answers another account's session like an unknown one, and leaves it alone", async () => {
    const account = await accounts.signUp();
    const victim = await accounts.signUp();
    const [theirs] = await listed(victim.user.id);

    const foreign = await revokeAs(operator, account.user.id, theirs.id).expect(404);
    const unknown = await revokeAs(operator, account.user.id, UNKNOWN_ID).expect(404);

    expect(foreign.body).toEqual(unknown.body);
    expect(foreign.body).toEqual({
      statusCode: 404,
      code: 'SessionNotFound',
      message: expect.any(String),
    });
    await accounts.me(victim.sessionToken).expect(200);
    expect(revokedEvents(victim.user.id)).toEqual([]);
  });

  it.each([
    ['the list of an unknown account', 'get', path(UNKNOWN_ID), 404, 'UserNotFound'],
    ['revoking all of an unknown account', 'delete', path(UNKNOWN_ID), 404, 'UserNotFound'],
    [
      'revoking one of an unknown account',
      'delete',
      path(UNKNOWN_ID, UNKNOWN_ID),
      404,
      'UserNotFound',
    ],
  ] as const)('refuses %s', async (_case, method, url, status, code) => {
    const response = await service.http()[method](url).set('Authorization', ADMIN).expect(status);
    expect(response.body).toEqual({ statusCode: status, code, message: expect.any(String) });
  });

  it.each([
    ['an account id that is not a UUID', 'get', path('not-a-uuid'), 'id'],
    ['revoking all by a malformed account id', 'delete', path('not-a-uuid'), 'id'],
    ['revoking one by a malformed account id', 'delete', path('not-a-uuid', UNKNOWN_ID), 'id'],
    ['a session id that is not a UUID', 'delete', path(UNKNOWN_ID, 'not-a-uuid'), 'sessionId'],
  ] as const)('refuses %s with InValidParam naming it', async (_case, method, url, field) => {
    const response = await service.http()[method](url).set('Authorization', ADMIN).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'InValidParam' });
    expect(response.body.errors).toEqual([{ field, message: expect.any(String) }]);
  });

  it('refuses a malformed session id of a known account as InValidParam', async () => {
    const account = await accounts.signUp();
    const response = await revokeAs(operator, account.user.id, 'x'.repeat(40)).expect(400);
    expect(response.body.code).toBe('InValidParam');
    await accounts.me(account.sessionToken).expect(200);
  });
});
