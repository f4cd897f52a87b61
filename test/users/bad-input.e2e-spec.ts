import { Accounts, ADMIN, bearer, SignedUp } from '../support/accounts';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

type Method = 'post' | 'patch' | 'put';

/** Whatever a client sends to an account route, it gets a 4xx with a stable code: never a 500. */
describe('Bad input to the account routes', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let account: SignedUp;
  let accountRoutes: Array<[string, Method, string, () => string | undefined]>;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp(receiver.settings);
    account = await new Accounts(service, receiver).signUp({ password: 'correct horse' });
    const session = () => bearer(account.sessionToken);
    const none = () => undefined;
    accountRoutes = [
      ['sign-up', 'post', '/v1/users', none],
      ['log-in', 'post', '/v1/sessions', none],
      ['password reset', 'post', '/v1/password-resets', none],
      ['profile', 'patch', '/v1/users/me', session],
      ['phone verification', 'post', '/v1/users/me/phone-verification', session],
      ['phone change', 'put', '/v1/users/me/phone', session],
      ['password change', 'put', '/v1/users/me/password', session],
      ['admin update', 'patch', `/v1/admin/users/${account.user.id}`, () => ADMIN],
    ];
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  function expectStableError(response: { status: number; body: Record<string, unknown> }): void {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body).toEqual(
      expect.objectContaining({
        statusCode: response.status,
        code: expect.stringMatching(/^[A-Z][A-Za-z]+$/),
        message: expect.any(String),
      }),
    );
  }

  const raw = [
    ['a prototype-pollution key', '{"phone":"+8613800138000","__proto__":{"disabled":true}}'],
    ['a constructor key', '{"constructor":{"prototype":{"x":1}}}'],
    ['malformed JSON', '{"phone": "+86138'],
    ['JSON that is a string', '"+8613800138000"'],
    ['JSON that is an array', '[{"phone":"+8613800138000"}]'],
    ['a number', '42'],
  ];

  const sendRaw = (method: Method, path: string, auth: string | undefined, body: string) => {
    const request = service.http()[method](path).set('Content-Type', 'application/json');
    if (auth !== undefined) void request.set('Authorization', auth);
    return request.send(body);
  };

  it.each(raw)('refuses %s on every body route', async (_case, body) => {
    for (const [name, method, path, authorization] of accountRoutes) {
      const response = await sendRaw(method, path, authorization(), body);
      expect({ route: name, status: response.status < 500 }).toEqual({ route: name, status: true });
      expectStableError(response);
    }
  });

  it('reads a JSON null body as no fields: refused where fields are required, a no-op elsewhere', async () => {
    const allOptional = ['profile', 'admin update'];
    for (const [name, method, path, authorization] of accountRoutes) {
      const response = await sendRaw(method, path, authorization(), 'null');
      if (allOptional.includes(name)) {
        expect({ route: name, status: response.status }).toEqual({ route: name, status: 200 });
        expect(response.body).toMatchObject(account.user);
      } else {
        expectStableError(response);
      }
    }
  });

  const fields: Array<[string, Record<string, unknown>]> = [
    ['every field an object', { phone: { $gt: '' }, code: { $ne: null }, password: {} }],
    ['every field an array', { phone: ['+8613800138000'], code: ['1'], password: ['x'] }],
    ['strings of 10,000 characters', { phone: '1'.repeat(10_000), code: '1'.repeat(10_000) }],
    ['a password with a null byte', { phone: '+8613800138000', password: 'pass\u0000word!' }],
    ['Unicode digits in the code', { phone: '+8613800138000', code: '１２３４５６' }],
    ['booleans everywhere', { phone: true, code: false, username: true, disabled: 'true' }],
  ];

  it.each(fields)('answers %s with a stable 4xx on every body route', async (_case, body) => {
    for (const [name, method, path, authorization] of accountRoutes) {
      const request = service.http()[method](path);
      const auth = authorization();
      if (auth !== undefined) void request.set('Authorization', auth);
      const response = await request.send(body);
      expect({ route: name, status: response.status < 500 }).toEqual({ route: name, status: true });
      expectStableError(response);
    }
    // None of it changed the account.
    const me = await service
      .http()
      .get('/v1/users/me')
      .set('Authorization', bearer(account.sessionToken))
      .expect(200);
    expect(me.body).toEqual(account.user);
  });

  it.each([
    ['a page that is not a number', { page: 'abc' }],
    ['a negative page size', { pageSize: -1 }],
    ['a phone that is an array', 'phone=1&phone=2'],
    ['a phone of 10,000 characters', { phone: '1'.repeat(10_000) }],
  ])('answers an admin list query with %s as InValidParam or PhoneInvalid', async (_c, query) => {
    const response = await service
      .http()
      .get('/v1/admin/users')
      .query(query)
      .set('Authorization', ADMIN);
    expectStableError(response);
    expect(['InValidParam', 'PhoneInvalid']).toContain(response.body.code);
  });
});
