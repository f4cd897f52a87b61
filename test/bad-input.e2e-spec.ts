import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/** Whatever a client sends, it gets a 4xx with a stable code: never a 500. */
describe('Bad input', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp(receiver.settings);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  const routes = ['/v1/sms/codes', '/v1/sms/codes/verify'];

  const postRaw = (route: string, body: string, contentType = 'application/json') =>
    service.http().post(route).set('Content-Type', contentType).send(body);

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

  describe.each(routes)('%s', (route) => {
    it.each([
      ['phone as a number', { phone: 8613800138000, code: '123456' }],
      ['phone as an array', { phone: ['+8613800138000'], code: '123456' }],
      ['phone as an object', { phone: { $gt: '' }, code: '123456' }],
      ['phone null', { phone: null, code: '123456' }],
      ['phone missing', { code: '123456' }],
      ['an unknown purpose', { phone: '+8613800138000', code: '123456', purpose: 'admin' }],
      ['purpose as a number', { phone: '+8613800138000', code: '123456', purpose: 1 }],
      ['an unknown field', { phone: '+8613800138000', code: '123456', isAdmin: true }],
      ['a phone of 10,000 characters', { phone: '1'.repeat(10_000), code: '123456' }],
    ])('refuses %s with InValidParam and one entry per bad field', async (_case, body) => {
      const response = await service.http().post(route).send(body);
      expect(response.status).toBe(400);
      expectStableError(response);
      expect(response.body.code).toBe('InValidParam');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([{ field: expect.any(String), message: expect.any(String) }]),
      );
    });

    it.each([
      [
        'a prototype-pollution key',
        '{"phone":"+8613800138000","__proto__":{"x":1}}',
        'application/json',
      ],
      ['malformed JSON', '{"phone": "+86138', 'application/json'],
      ['JSON that is a string', '"+8613800138000"', 'application/json'],
      ['JSON that is an array', '["+8613800138000"]', 'application/json'],
      ['JSON null', 'null', 'application/json'],
      ['an empty body', '', 'application/json'],
      ['plain text', 'phone=+8613800138000', 'text/plain'],
      ['XML', '<phone>+8613800138000</phone>', 'application/xml'],
      ['form data', 'phone=%2B8613800138000', 'application/x-www-form-urlencoded'],
      [
        'invalid UTF-8',
        Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('latin1'),
        'application/json',
      ],
    ])('refuses %s', async (_case, body, contentType) => {
      expectStableError(await postRaw(route, body, contentType));
    });

    it.each([
      ['plain text', 'text/plain'],
      ['form data', 'application/x-www-form-urlencoded'],
      ['multipart', 'multipart/form-data; boundary=x'],
    ])('refuses %s bodies with UnsupportedMediaType', async (_case, contentType) => {
      const response = await postRaw(route, 'phone=%2B8613800138000', contentType).expect(415);
      expect(response.body.code).toBe('UnsupportedMediaType');
    });

    it('refuses a body over the size limit with PayloadTooLarge', async () => {
      const response = await postRaw(route, JSON.stringify({ phone: 'x'.repeat(100_000) }));
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('PayloadTooLarge');
    });
  });

  it.each([
    ['Unicode digits', '１３８００１３８０００'],
    ['a right-to-left mark', '\u200f+8613800138000'],
    ['a zero-width joiner', '+86138\u200d00138000'],
    ['a null byte', '+8613800138000\u0000'],
    ['an SQL fragment', "+86' OR 1=1 --"],
    ['only a plus', '+'],
    ['spaces', '     '],
  ])('refuses a phone with %s as PhoneInvalid', async (_case, phone) => {
    const response = await service.http().post('/v1/sms/codes').send({ phone }).expect(400);
    expect(response.body.code).toBe('PhoneInvalid');
  });

  it.each([
    ['letters', 'abcdef'],
    ['an over-long code', '1'.repeat(17)],
    ['Unicode digits', '１２３４５６'],
  ])('answers a code of %s as an error, never a 500', async (_case, code) => {
    const response = await service
      .http()
      .post('/v1/sms/codes/verify')
      .send({ phone: uniqueCnPhone(), code });
    expectStableError(response);
  });

  it('answers an unknown route with NotFound', async () => {
    const response = await service.http().get('/v1/nothing-here').expect(404);
    expect(response.body).toEqual({
      statusCode: 404,
      code: 'NotFound',
      message: expect.any(String),
    });
  });

  it('answers a wrong method with a stable error', async () => {
    expectStableError(await service.http().delete('/v1/sms/codes'));
  });
});
