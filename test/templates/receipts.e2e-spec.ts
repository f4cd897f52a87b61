import { startAliyunSmsFake } from '../fakes/aliyun-sms.fake';
import type { AliyunSmsFake } from '../fakes/aliyun-sms.fake';
import { startTencentSmsFake } from '../fakes/tencent-sms.fake';
import type { TencentSmsFake } from '../fakes/tencent-sms.fake';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from './catalog-api';

const RECEIPT_TOKEN = 'receipt-token-0123456789';
const TENCENT = { secretId: 'AKIDreceipts', secretKey: 'tencent-secret', sdkAppId: '1400006666' };
const ALIYUN = { accessKeyId: 'LTAIreceipts', accessKeySecret: 'aliyun-secret' };

describe('Delivery receipts', () => {
  let tencent: TencentSmsFake;
  let aliyun: AliyunSmsFake;
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  beforeAll(async () => {
    tencent = await startTencentSmsFake({
      ...TENCENT,
      approvedSignNames: ['示例商城'],
      approvedTemplates: { '1110': { paramCount: 1, verificationCode: true } },
    });
    aliyun = await startAliyunSmsFake({
      ...ALIYUN,
      approvedSignNames: ['示例商城'],
      approvedTemplates: { SMS_1: { variables: ['code'] } },
    });
    database = await createIsolatedDatabase();
    service = await startTestApp({
      // International numbers below: SMS_ALLOWED_REGIONS defaults to SMS_DEFAULT_REGION only.
      SMS_ALLOWED_REGIONS: '*',
      DATABASE_URL: database.url,
      SMS_PROVIDER: 'tencent',
      SMS_ROUTES: 'US=aliyun',
      SMS_RECEIPT_TOKEN: RECEIPT_TOKEN,
      TENCENT_SECRET_ID: TENCENT.secretId,
      TENCENT_SECRET_KEY: TENCENT.secretKey,
      TENCENT_SMS_SDK_APP_ID: TENCENT.sdkAppId,
      TENCENT_SMS_ENDPOINT: tencent.url,
      ALIYUN_ACCESS_KEY_ID: ALIYUN.accessKeyId,
      ALIYUN_ACCESS_KEY_SECRET: ALIYUN.accessKeySecret,
      ALIYUN_SMS_ENDPOINT: aliyun.url,
    });
    admin = adminApi(service);
    await approvedSignature(admin, { name: 'main', content: '示例商城' });
    await approvedTemplate(admin, {
      name: 'code',
      kind: 'verification',
      purpose: 'operation',
      content: '验证码{{code}}',
      providerTemplateIds: { tencent: '1110', aliyun: 'SMS_1' },
    });
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([tencent.close(), aliyun.close()]);
    await database.drop();
  });

  /** Posts `body` as JSON text, so any JSON value (a bare string too) can be sent. */
  const tencentReceipt = (body: unknown, query: { token?: string } = { token: RECEIPT_TOKEN }) =>
    service
      .http()
      .post('/v1/sms/receipts/tencent')
      .query(query)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  const recordOf = async (phone: string) => {
    const page = await admin.get('/v1/admin/sms/messages', { phone }).expect(200);
    return page.body.items[0];
  };
  const sendThroughTencent = async (): Promise<{ phone: string; serialNo: string }> => {
    const phone = uniqueCnPhone();
    await service.http().post('/v1/sms/codes').send({ phone }).expect(202);
    const sent = tencent.sent.find((message) => message.phoneNumber === phone);
    if (!sent) throw new Error('Tencent fake got no message');
    return { phone, serialNo: sent.serialNo };
  };

  it("marks Tencent's messages delivered or undelivered, and answers as Tencent expects", async () => {
    const delivered = await sendThroughTencent();
    const lost = await sendThroughTencent();
    const response = await tencentReceipt([
      {
        user_receive_time: '2026-11-21 08:03:04',
        nationcode: '86',
        mobile: delivered.phone.slice(3),
        report_status: 'SUCCESS',
        errmsg: 'DELIVRD',
        description: '用户短信送达成功',
        sid: delivered.serialNo,
      },
      {
        user_receive_time: '2026-11-21 08:03:05',
        nationcode: '86',
        mobile: lost.phone.slice(3),
        report_status: 'FAIL',
        errmsg: 'MK:0005',
        description: '空号',
        sid: lost.serialNo,
      },
    ]).expect(200);
    expect(response.body).toEqual({ result: 0, errmsg: 'OK' });
    expect(response.headers['content-type']).toMatch(/^application\/json/);

    expect(await recordOf(delivered.phone)).toMatchObject({
      status: 'delivered',
      receiptCode: 'DELIVRD',
      receiptAt: '2026-11-21T00:03:04.000Z',
    });
    expect(await recordOf(lost.phone)).toMatchObject({
      status: 'undelivered',
      receiptCode: 'MK:0005',
    });
  });

  it('ignores unknown ids and unreadable entries, never failing', async () => {
    const { phone, serialNo } = await sendThroughTencent();
    await tencentReceipt([
      { report_status: 'SUCCESS', sid: 'unknown-serial' },
      { report_status: 'SUCCESS' },
      { sid: serialNo, report_status: 'MAYBE' },
      'garbage',
      null,
      [],
    ]).expect(200, { result: 0, errmsg: 'OK' });
    await tencentReceipt([]).expect(200, { result: 0, errmsg: 'OK' });
    expect((await recordOf(phone)).status).toBe('sent');
  });

  it('does not take a receipt meant for another provider', async () => {
    const { phone, serialNo } = await sendThroughTencent();
    await service
      .http()
      .post('/v1/sms/receipts/aliyun')
      .query({ token: RECEIPT_TOKEN })
      .send([{ biz_id: serialNo, success: true, err_code: 'DELIVERED' }])
      .expect(200);
    expect((await recordOf(phone)).status).toBe('sent');
  });

  it("takes Aliyun's SmsReport pushes", async () => {
    const phone = '+16502530099';
    await service.http().post('/v1/sms/codes').send({ phone }).expect(202);
    const sent = aliyun.sent.find((message) => message.phoneNumbers === '16502530099');
    expect(sent).toBeDefined();
    const response = await service
      .http()
      .post('/v1/sms/receipts/aliyun')
      .query({ token: RECEIPT_TOKEN })
      .send([
        {
          phone_number: '16502530099',
          send_time: '2026-11-21 08:00:00',
          report_time: '2026-11-21 08:00:05',
          success: true,
          err_code: 'DELIVERED',
          err_msg: '用户接收成功',
          sms_size: '1',
          biz_id: sent?.bizId,
          out_id: sent?.outId,
        },
      ])
      .expect(200);
    expect(response.body).toEqual({ code: 0, msg: '接收成功' });
    expect(await recordOf(phone)).toMatchObject({ status: 'delivered', receiptCode: 'DELIVERED' });
  });

  it.each([
    ['without a token', {}],
    ['with a wrong token', { token: 'not-the-receipt-token' }],
    ['with the token in another case', { token: RECEIPT_TOKEN.toUpperCase() }],
  ])('refuses a callback %s', async (_case, query) => {
    const { phone, serialNo } = await sendThroughTencent();
    const response = await tencentReceipt([{ report_status: 'FAIL', sid: serialNo }], query).expect(
      401,
    );
    expect(response.body.code).toBe('Unauthorized');
    expect((await recordOf(phone)).status).toBe('sent');
  });

  it.each([
    ['an object', { sid: 'x', report_status: 'SUCCESS' }],
    ['a string', 'text'],
    ['null', null],
    ['a number', 42],
  ])('answers InValidParam for %s instead of a report array', async (_case, body) => {
    const response = await tencentReceipt(body).expect(400);
    expect(response.body.code).toBe('InValidParam');
  });

  it('answers 400, not 500, for a body that is not JSON', async () => {
    const response = await service
      .http()
      .post('/v1/sms/receipts/tencent')
      .query({ token: RECEIPT_TOKEN })
      .set('Content-Type', 'application/json')
      .send('[{"sid":')
      .expect(400);
    expect(response.body.code).toBe('InValidParam');
  });

  it('refuses every receipt while SMS_RECEIPT_TOKEN is unset', async () => {
    const closed = await startTestApp({
      // International numbers below: SMS_ALLOWED_REGIONS defaults to SMS_DEFAULT_REGION only.
      SMS_ALLOWED_REGIONS: '*',
      DATABASE_URL: database.url,
    });
    try {
      const response = await closed
        .http()
        .post('/v1/sms/receipts/tencent')
        .query({ token: RECEIPT_TOKEN })
        .send([])
        .expect(401);
      expect(response.body.message).toMatch(/SMS_RECEIPT_TOKEN/);
    } finally {
      await closed.close();
    }
  });
});
