import { Accounts, ADMIN, bearer } from '../support/accounts';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

describe('Admin: /v1/admin/users', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let accounts: Accounts;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp(receiver.settings);
    accounts = new Accounts(service, receiver);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  const list = (query: Record<string, string | number>) =>
    service.http().get('/v1/admin/users').query(query).set('Authorization', ADMIN);
  const update = (id: string, body: object) =>
    service.http().patch(`/v1/admin/users/${id}`).set('Authorization', ADMIN).send(body);

  it('needs the admin key: no key, a wrong key and a session token get Unauthorized', async () => {
    const account = await accounts.signUp();
    const attempts = [
      service.http().get('/v1/admin/users'),
      service.http().get('/v1/admin/users').set('Authorization', bearer('wrong-key-0123456789')),
      service.http().get('/v1/admin/users').set('Authorization', bearer(account.sessionToken)),
      service.http().patch(`/v1/admin/users/${account.user.id}`).send({ disabled: true }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('Unauthorized');
    }
    await accounts.me(account.sessionToken).expect(200);
  });

  it('finds the account of a phone, in any form, with its flags but never its hash', async () => {
    const account = await accounts.signUp({ password: 'correct horse' });

    const response = await list({ phone: account.phone.slice(1) }).expect(200);

    expect(response.body).toEqual({
      items: [{ ...account.user, disabled: false, hasPassword: true }],
      total: 1,
      page: 1,
      pageSize: 20,
    });
    expect(JSON.stringify(response.body)).not.toContain('argon2');
    expect((await list({ phone: uniqueCnPhone() }).expect(200)).body).toMatchObject({
      items: [],
      total: 0,
    });
  });

  it('lists newest first, a page at a time', async () => {
    // Other suites create accounts meanwhile: compare positions, not the exact page.
    const older = await accounts.signUp();
    const newest = await accounts.signUp();
    const ids = (
      (await list({ pageSize: 100 }).expect(200)).body.items as Array<{ id: string }>
    ).map((item) => item.id);
    expect(ids.indexOf(newest.user.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(newest.user.id)).toBeLessThan(ids.indexOf(older.user.id));

    const page = await list({ pageSize: 1, page: 2 }).expect(200);
    expect(page.body).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['a malformed phone', { phone: 'abc' }, 'PhoneInvalid'],
    ['a page size over 100', { pageSize: 101 }, 'InValidParam'],
    ['page 0', { page: 0 }, 'InValidParam'],
    ['an unknown filter', { disabled: 'true' }, 'InValidParam'],
  ])('refuses %s', async (_case, query, code) => {
    expect((await list(query).expect(400)).body.code).toBe(code);
  });

  it('disabling revokes every session and stops log-in; enabling lets it log in again', async () => {
    const account = await accounts.signUp({ password: 'correct horse' });

    const disabled = await update(account.user.id, { disabled: true }).expect(200);

    expect(disabled.body).toMatchObject({ id: account.user.id, disabled: true });
    expect((await accounts.me(account.sessionToken).expect(401)).body.code).toBe('SessionInvalid');
    const logIn = () =>
      service.http().post('/v1/sessions').send({ phone: account.phone, password: 'correct horse' });
    expect((await logIn().expect(403)).body.code).toBe('UserDisabled');

    await update(account.user.id, { disabled: false }).expect(200);
    const back = await logIn().expect(201);
    await accounts.me(back.body.sessionToken).expect(200);
  });

  it('marks a phone unverified (a recycled number) without touching sessions', async () => {
    const account = await accounts.signUp();
    const response = await update(account.user.id, { mobilePhoneVerified: false }).expect(200);
    expect(response.body).toMatchObject({ mobilePhoneVerified: false, disabled: false });
    expect((await accounts.me(account.sessionToken).expect(200)).body.mobilePhoneVerified).toBe(
      false,
    );
  });

  it('answers an empty change with the account as it is', async () => {
    const account = await accounts.signUp();
    const response = await update(account.user.id, {}).expect(200);
    expect(response.body).toEqual({ ...account.user, disabled: false, hasPassword: false });
  });

  it.each([
    ['an id that is not a UUID', 'not-a-uuid', { disabled: true }, 400, 'InValidParam'],
    [
      'an unknown id',
      '00000000-0000-4000-8000-000000000000',
      { disabled: true },
      404,
      'UserNotFound',
    ],
    ['an unknown id, no change', '00000000-0000-4000-8000-000000000000', {}, 404, 'UserNotFound'],
    ['a string flag', undefined, { disabled: 'yes' }, 400, 'InValidParam'],
    ['a null flag', undefined, { disabled: null }, 400, 'InValidParam'],
    ['a field admins do not set here', undefined, { phone: '+8613800138000' }, 400, 'InValidParam'],
  ])('refuses %s', async (_case, id, body, status, code) => {
    const target = id ?? (await accounts.signUp()).user.id;
    expect((await update(target, body).expect(status)).body.code).toBe(code);
  });
});
