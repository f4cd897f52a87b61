import { LogCapture } from './support/log-capture';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

describe('Codes never reach the logs', () => {
  const receiver = new WebhookReceiver();
  const logs = new LogCapture();
  let service: TestApp;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp(
      { ...receiver.settings, LOG_LEVEL: 'trace' },
      { logDestination: logs },
    );
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  it('writes JSON log lines without the code, through sends, failures and verifies', async () => {
    const phone = uniqueCnPhone();
    await service.http().post('/v1/sms/codes').send({ phone }).expect(202);
    const code = receiver.lastCodeFor(phone);
    await service.http().post('/v1/sms/codes/verify').send({ phone, code: '000000' });
    await service.http().post('/v1/sms/codes/verify').send({ phone, code }).expect(200);

    const failing = uniqueCnPhone();
    receiver.setMode({ status: 500 });
    await service.http().post('/v1/sms/codes').send({ phone: failing }).expect(502);
    receiver.setMode('ok');
    const failedCode = receiver.lastCodeFor(failing);

    await service
      .http()
      .get('/v1/admin/sms/messages')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .expect(200);

    expect(logs.lines.length).toBeGreaterThan(5);
    expect(logs.lines.filter((line) => line.msg === 'request')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: '/v1/sms/codes', statusCode: 202 }),
        expect.objectContaining({ route: '/v1/sms/codes', statusCode: 502 }),
      ]),
    );
    // As a number of its own: a 13-digit timestamp may hold the same six digits by chance.
    const standalone = (digits: string) => new RegExp(`(?<!\\d)${digits}(?!\\d)`);
    expect(logs.text).not.toMatch(standalone(code));
    expect(logs.text).not.toMatch(standalone(failedCode));
    expect(logs.text).not.toContain(TEST_ADMIN_KEY);
  });
});
