import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { adminApi } from './catalog-api';

const REVIEW_NUMBER = '+8613800000000';
const OTHER_REVIEW_NUMBER = '+8613800000001';

describe('Test numbers (SMS_TEST_NUMBERS)', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    service = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      SMS_TEST_NUMBERS: `${REVIEW_NUMBER}:123456,${OTHER_REVIEW_NUMBER}:2468`,
    });
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  const send = (phone: string) => service.http().post('/v1/sms/codes').send({ phone });
  const verify = (phone: string, code: string) =>
    service.http().post('/v1/sms/codes/verify').send({ phone, code });

  it('get their fixed code and no SMS, and the code verifies once', async () => {
    await send('13800000000').expect(202);
    expect(receiver.messagesTo(REVIEW_NUMBER)).toHaveLength(0);
    expect((await verify(REVIEW_NUMBER, '654321').expect(400)).body.code).toBe('CodeIsError');
    await verify(REVIEW_NUMBER, '123456').expect(200);
    expect((await verify(REVIEW_NUMBER, '123456').expect(400)).body.code).toBe('CodeHasValid');
  });

  it('are still rate-limited', async () => {
    await send(OTHER_REVIEW_NUMBER).expect(202);
    const again = await send(OTHER_REVIEW_NUMBER).expect(429);
    expect(again.body.code).toBe('TooFrequent');
  });

  it('are marked in the records, with the code masked', async () => {
    const page = await adminApi(service)
      .get('/v1/admin/sms/messages', { phone: OTHER_REVIEW_NUMBER })
      .expect(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({
        testNumber: true,
        provider: 'test',
        status: 'sent',
        attempts: [],
        content: '【Demo】Your verification code is ****. It expires in 10 minutes.',
      }),
    ]);
  });
});
