import { startTencentSmsFake } from '../fakes/tencent-sms.fake';
import type { TencentSmsFake } from '../fakes/tencent-sms.fake';
import { EventReceiver } from '../support/event-receiver';
import { subscribe } from '../support/event-endpoints';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';

const RECEIPT_TOKEN = 'receipt-token-0123456789';
const TENCENT = { secretId: 'AKIDevents', secretKey: 'tencent-secret', sdkAppId: '1400007777' };

/**
 * sms.sent, sms.failed and sms.delivered come from the message records the queue worker
 * writes and the receipts applied to them: the event is in the statement that writes the row.
 */
describe('Lifecycle events of messages', () => {
  let tencent: TencentSmsFake;
  let database: IsolatedDatabase;
  let service: TestApp;
  let events: EventReceiver;

  beforeAll(async () => {
    tencent = await startTencentSmsFake({
      ...TENCENT,
      approvedSignNames: ['示例商城'],
      approvedTemplates: { '1110': { paramCount: 1, verificationCode: true } },
    });
    database = await createIsolatedDatabase();
    events = await new EventReceiver().start();
    service = await startTestApp({
      DATABASE_URL: database.url,
      SMS_PROVIDER: 'tencent',
      SMS_RECEIPT_TOKEN: RECEIPT_TOKEN,
      TENCENT_SECRET_ID: TENCENT.secretId,
      TENCENT_SECRET_KEY: TENCENT.secretKey,
      TENCENT_SMS_SDK_APP_ID: TENCENT.sdkAppId,
      TENCENT_SMS_ENDPOINT: tencent.url,
      EVENTS_RELAY_INTERVAL_MS: '50',
    });
    const admin = adminApi(service);
    await approvedSignature(admin, { name: 'main', content: '示例商城' });
    await approvedTemplate(admin, {
      name: 'code',
      kind: 'verification',
      purpose: 'operation',
      content: '验证码{{code}}',
      providerTemplateIds: { tencent: '1110' },
    });
    await subscribe(service, events, ['sms.sent', 'sms.failed', 'sms.delivered']);
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([tencent.close(), events.stop()]);
    await database.drop();
  });

  const receipt = (body: unknown) =>
    service
      .http()
      .post('/v1/sms/receipts/tencent')
      .query({ token: RECEIPT_TOKEN })
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  const reportOf = (phone: string, serialNo: string, delivered: boolean) => ({
    user_receive_time: '2026-11-21 08:03:04',
    nationcode: '86',
    mobile: phone.slice(3),
    report_status: delivered ? 'SUCCESS' : 'FAIL',
    errmsg: delivered ? 'DELIVRD' : 'MK:0005',
    description: delivered ? '用户短信送达成功' : '空号',
    sid: serialNo,
  });
  const send = async (): Promise<{ phone: string; serialNo: string }> => {
    const phone = uniqueCnPhone();
    await service.http().post('/v1/sms/codes').send({ phone }).expect(202);
    const sent = tencent.sent.find((message) => message.phoneNumber === phone);
    if (!sent) throw new Error('Tencent fake got no message');
    return { phone, serialNo: sent.serialNo };
  };

  it('tells of a message sent, then delivered, each signed and without its content', async () => {
    const { phone, serialNo } = await send();
    const [sent] = await events.waitFor('sms.sent', { phone });
    expect(sent.signatureValid).toBe(true);
    expect(sent.data).toEqual({
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      phone,
      channel: 'sms',
      purpose: 'operation',
      kind: 'verification',
      templateName: 'code',
      provider: 'tencent',
      providerMessageId: serialNo,
      status: 'sent',
      errorCode: null,
      segments: 1,
      testNumber: false,
    });

    await receipt([reportOf(phone, serialNo, true)]).expect(200);
    const [delivered] = await events.waitFor('sms.delivered', { phone });
    expect(delivered.data).toMatchObject({
      messageId: sent.data.messageId,
      status: 'delivered',
    });
    expect(delivered.webhookId).not.toBe(sent.webhookId);
    // The same receipt read again changes nothing, so tells nothing.
    await receipt([reportOf(phone, serialNo, true)]).expect(200);
    const { serialNo: later, phone: other } = await send();
    await receipt([reportOf(other, later, true)]).expect(200);
    await events.waitFor('sms.delivered', { phone: other });
    expect(events.events('sms.delivered', { phone })).toHaveLength(1);
  });

  it('tells of a message no provider took, and of one never delivered', async () => {
    tencent.setMode('error500');
    const refusedPhone = uniqueCnPhone();
    try {
      await service.http().post('/v1/sms/codes').send({ phone: refusedPhone }).expect(502);
    } finally {
      tencent.setMode('ok');
    }
    const [refused] = await events.waitFor('sms.failed', { phone: refusedPhone });
    expect(refused.data).toMatchObject({ status: 'failed', provider: 'tencent' });
    expect(refused.data.errorCode).toEqual(expect.any(String));

    const { phone, serialNo } = await send();
    await events.waitFor('sms.sent', { phone });
    await receipt([reportOf(phone, serialNo, false)]).expect(200);
    const [lost] = await events.waitFor('sms.failed', { phone });
    expect(lost.data).toMatchObject({ status: 'undelivered', providerMessageId: serialNo });
    for (const event of events.received) {
      expect(event.signatureValid).toBe(true);
      expect(JSON.stringify(event.data)).not.toMatch(/验证码|"content"/);
    }
  });
});
