import { Accounts } from '../support/accounts';
import { startTestApp, TestApp } from '../support/test-app';
import { TcpFaultProxy } from '../support/tcp-fault-proxy';
import { WebhookReceiver } from '../support/webhook-receiver';

/** A password log-in that PostgreSQL could not answer checked no password: it costs no try. */
describe('Password log-in during a PostgreSQL outage', () => {
  const receiver = new WebhookReceiver();
  let database: TcpFaultProxy;
  let service: TestApp;
  let accounts: Accounts;

  beforeAll(async () => {
    const databaseUrl = process.env.DATABASE_URL ?? '';
    database = await TcpFaultProxy.for(databaseUrl).start();
    await receiver.start();
    service = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.through(databaseUrl),
    });
    accounts = new Accounts(service, receiver);
  });
  afterAll(async () => {
    await service.close();
    await Promise.all([receiver.stop(), database.stop()]);
  });

  it('lets the owner in with the right password once PostgreSQL is back', async () => {
    const { phone } = await accounts.signUp({ password: 'the right password' });
    const logIn = (password: string) =>
      service.http().post('/v1/sessions').send({ phone, password });

    database.cut();
    try {
      for (let attempt = 1; attempt <= 6; attempt += 1) {
        const refused = await logIn('the right password');
        expect(refused.status).toBe(503);
        expect(refused.body.code).toBe('ServiceUnavailable');
      }
    } finally {
      database.restore();
    }

    const response = await logIn('the right password');
    expect(response.status).toBe(201);
    expect(response.body.sessionToken).toEqual(expect.any(String));
  });

  it('still counts the wrong passwords it did check', async () => {
    const { phone } = await accounts.signUp({ password: 'the right password' });
    const logIn = (password: string) =>
      service.http().post('/v1/sessions').send({ phone, password });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await logIn('a wrong password')).body.code).toBe('InvalidCredentials');
    }
    expect((await logIn('the right password')).body.code).toBe('TooManyAttempts');
  });
});
