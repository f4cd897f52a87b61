import { uniqueCnPhone } from './support/phones';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

describe('Sending through the webhook provider, and the send records', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({ ...receiver.settings, SMS_PROVIDER_TIMEOUT_MS: '400' });
  });

  afterEach(() => receiver.setMode('ok'));

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  const send = (phone: string) => service.http().post('/v1/sms/codes').send({ phone });
  const admin = (query: Record<string, string | number> = {}) =>
    service
      .http()
      .get('/v1/admin/sms/messages')
      .query(query)
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);

  it('signs each webhook call in the Standard Webhooks scheme', async () => {
    const phone = uniqueCnPhone();
    await send(phone).expect(202);
    const [sms] = receiver.messagesTo(phone);
    expect(sms.signatureValid).toBe(true);
    expect(sms.headers['webhook-id']).toBe(`msg_${sms.id}`);
    expect(sms.headers['content-type']).toBe('application/json');
    expect(Number(sms.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -1);
    expect(sms).toMatchObject({ phone, purpose: 'operation', variables: { ttl: '10' } });
  });

  it('answers SendFailed when the webhook fails, and leaves no usable code', async () => {
    const phone = uniqueCnPhone();
    receiver.setMode({ status: 500 });
    const failed = await send(phone).expect(502);
    expect(failed.body).toMatchObject({ statusCode: 502, code: 'SendFailed' });

    // The receiver saw the code although it answered 500: that code must not work.
    const code = receiver.lastCodeFor(phone);
    receiver.setMode('ok');
    const verify = await service.http().post('/v1/sms/codes/verify').send({ phone, code });
    expect(verify.body.code).toBe('CodeIsError');

    // Nor does the failure hold the resend interval: the client may try again at once.
    await send(phone).expect(202);
    await service
      .http()
      .post('/v1/sms/codes/verify')
      .send({ phone, code: receiver.lastCodeFor(phone) })
      .expect(200);
  });

  it('answers SendFailed when the webhook does not answer in time', async () => {
    const phone = uniqueCnPhone();
    receiver.setMode({ delayMs: 1500 });
    const started = Date.now();
    const failed = await send(phone).expect(502);
    expect(failed.body.code).toBe('SendFailed');
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('answers SendFailed when the webhook refuses the message', async () => {
    receiver.setMode({ status: 422 });
    expect((await send(uniqueCnPhone()).expect(502)).body.code).toBe('SendFailed');
  });

  it('records every send with the code masked', async () => {
    const phone = uniqueCnPhone();
    await send(phone).expect(202);
    const code = receiver.lastCodeFor(phone);

    const page = await admin({ phone }).expect(200);
    expect(page.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    const [record] = page.body.items;
    expect(record).toMatchObject({
      phone,
      purpose: 'operation',
      channel: 'sms',
      provider: 'webhook',
      status: 'sent',
      segments: 1,
      clientIp: expect.any(String),
      content: '【Demo】Your verification code is ******. It expires in 10 minutes.',
    });
    expect(JSON.stringify(page.body)).not.toContain(code);
  });

  it('records a failed send with the provider error', async () => {
    const phone = uniqueCnPhone();
    receiver.setMode({ status: 503 });
    await send(phone).expect(502);
    const page = await admin({ phone, status: 'failed' }).expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({ status: 'failed', errorCode: 'HTTP503' });
  });

  it('filters records by phone, status and time, newest first, paginated', async () => {
    const phone = uniqueCnPhone();
    const fast = await startTestApp({ ...receiver.settings, SMS_RESEND_INTERVAL_SECONDS: '0' });
    try {
      for (let i = 0; i < 3; i++)
        await fast.http().post('/v1/sms/codes').send({ phone }).expect(202);
    } finally {
      await fast.close();
    }
    const firstPage = await admin({ phone, pageSize: 2 }).expect(200);
    expect(firstPage.body.total).toBe(3);
    expect(firstPage.body.items).toHaveLength(2);
    const secondPage = await admin({ phone, pageSize: 2, page: 2 }).expect(200);
    expect(secondPage.body.items).toHaveLength(1);
    const times = [...firstPage.body.items, ...secondPage.body.items].map((m) => m.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await admin({ phone, from: future }).expect(200)).body.total).toBe(0);
    expect((await admin({ phone, to: future }).expect(200)).body.total).toBe(3);
    expect((await admin({ phone, status: 'delivered' }).expect(200)).body.total).toBe(0);
  });

  it.each([
    ['no key', undefined],
    ['a wrong key', 'Bearer not-the-admin-key'],
    ['a malformed header', TEST_ADMIN_KEY],
  ])('refuses the admin list with %s', async (_case, authorization) => {
    const request = service.http().get('/v1/admin/sms/messages');
    if (authorization) request.set('Authorization', authorization);
    const response = await request.expect(401);
    expect(response.body).toEqual({
      statusCode: 401,
      code: 'Unauthorized',
      message: expect.any(String),
    });
  });

  it.each([
    [{ page: 0 }],
    [{ pageSize: 1000 }],
    [{ status: 'lost' }],
    [{ from: 'yesterday' }],
    [{ unknown: 'x' }],
  ])('validates the admin list query %j', async (query) => {
    expect((await admin(query).expect(400)).body.code).toBe('InValidParam');
  });
});
