import { Accounts, bearer } from '../support/accounts';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

/** USER_PASSWORD_MIN_LENGTH on /v1: every route that sets a password holds to it. */
describe('USER_PASSWORD_MIN_LENGTH on /v1', () => {
  const receiver = new WebhookReceiver();
  let six: TestApp;
  let defaults: TestApp;

  beforeAll(async () => {
    await receiver.start();
    const settings = { ...receiver.settings, SMS_RESEND_INTERVAL_SECONDS: '0' };
    six = await startTestApp({ ...settings, USER_PASSWORD_MIN_LENGTH: '6' });
    defaults = await startTestApp(settings);
  });

  afterAll(async () => {
    await six.close();
    await defaults.close();
    await receiver.stop();
  });

  const signUp = async (service: TestApp, password: string) => {
    const phone = uniqueCnPhone();
    const code = await new Accounts(service, receiver).codeFor(phone, 'signup');
    const response = await service.http().post('/v1/users').send({ phone, code, password });
    return { phone, code, response };
  };

  const codeStillVerifies = (service: TestApp, phone: string, code: string, purpose: string) =>
    service.http().post('/v1/sms/codes/verify').send({ phone, code, purpose }).expect(200);

  it('set to 6: a 6-character password signs up and logs in', async () => {
    const { phone, response } = await signUp(six, 'abc123');
    expect(response.status).toBe(201);
    await six.http().post('/v1/sessions').send({ phone, password: 'abc123' }).expect(201);
  });

  it('set to 6: 5 characters are refused with InValidParam on the field, the code kept', async () => {
    const { phone, code, response } = await signUp(six, 'abc12');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'InValidParam',
      errors: [{ field: 'password', message: 'a password has 6 to 128 characters' }],
    });
    await codeStillVerifies(six, phone, code, 'signup');
  });

  it('set to 6: a change and a reset take 6 characters and refuse 5', async () => {
    const accounts = new Accounts(six, receiver);
    const account = await accounts.signUp({ password: 'first password' });
    const change = (newPassword: string) =>
      six
        .http()
        .put('/v1/users/me/password')
        .set('Authorization', bearer(account.sessionToken))
        .send({ oldPassword: 'first password', newPassword });
    const short = await change('12345').expect(400);
    expect(short.body.errors).toEqual([
      { field: 'newPassword', message: 'a password has 6 to 128 characters' },
    ]);
    await change('123456').expect(204);

    const code = await accounts.codeFor(account.phone, 'reset_password');
    const reset = (password: string) =>
      six.http().post('/v1/password-resets').send({ phone: account.phone, code, password });
    expect((await reset('54321').expect(400)).body.errors).toEqual([
      { field: 'password', message: 'a password has 6 to 128 characters' },
    ]);
    await reset('654321').expect(204);
    await six
      .http()
      .post('/v1/sessions')
      .send({ phone: account.phone, password: '654321' })
      .expect(201);
  });

  it('by default: 8 characters; 7 are refused, 8 sign up', async () => {
    const refused = await signUp(defaults, 'abcd123');
    expect(refused.response.status).toBe(400);
    expect(refused.response.body.errors).toEqual([
      { field: 'password', message: 'a password has 8 to 128 characters' },
    ]);
    expect((await signUp(defaults, 'abcd1234')).response.status).toBe(201);
  });

  it('the maximum stays 128 whatever the minimum', async () => {
    const { response } = await signUp(six, 'x'.repeat(129));
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: 'password', message: 'a password has at most 128 characters' },
    ]);
    expect((await signUp(six, 'x'.repeat(128))).response.status).toBe(201);
  });
});
