import type { AliyunVmsFake } from '../fakes/aliyun-vms.fake';
import type { TencentVmsFake } from '../fakes/tencent-vms.fake';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { AdminApi, adminApi } from '../templates/catalog-api';
import { startVoiceVendors, VoiceVendors } from './voice-vendors';

const RECEIPT_TOKEN = 'call-results-token-0123456789';

describe('Call results: Tencent VMS and Aliyun Dyvms mark voice codes delivered or not', () => {
  let vendors: VoiceVendors;
  let tencent: TencentVmsFake;
  let aliyun: AliyunVmsFake;
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;
  let baseUrl: string;

  beforeAll(async () => {
    vendors = await startVoiceVendors();
    ({ tencent, aliyun } = vendors);
    database = await createIsolatedDatabase();
    service = await startTestApp({
      DATABASE_URL: database.url,
      ...vendors.settings,
      SMS_RECEIPT_TOKEN: RECEIPT_TOKEN,
      SMS_VOICE_RESEND_INTERVAL_SECONDS: '0',
    });
    baseUrl = await service.listen();
    admin = adminApi(service);
  });

  afterAll(async () => {
    await service.close();
    await vendors.close();
    await database.drop();
  });

  afterEach(() => tencent.setMode('ok'));

  /** The callback URL an operator sets in the vendor's console. */
  const callbackUrl = (provider: 'tencent' | 'aliyun', token = RECEIPT_TOKEN) =>
    `${baseUrl}/v1/voice/receipts/${provider}?token=${encodeURIComponent(token)}`;
  const recordOf = async (phone: string) => {
    const page = await admin.get('/v1/admin/sms/messages', { phone }).expect(200);
    return page.body.items[0];
  };
  const callThroughTencent = async (): Promise<{ phone: string; callId: string }> => {
    const phone = uniqueCnPhone();
    await service.http().post('/v1/sms/codes').send({ phone, channel: 'voice' }).expect(202);
    const call = tencent.calls.find((placed) => placed.calledNumber === phone);
    if (!call) throw new Error('Tencent VMS fake placed no call');
    return { phone, callId: call.callId };
  };
  const callThroughAliyun = async (): Promise<{ phone: string; callId: string }> => {
    const phone = uniqueCnPhone();
    // Tencent refusing for its own matter, the call fails over to Aliyun.
    tencent.setMode({ code: 'FailedOperation.InsufficientBalanceInVoicePackage' });
    await service.http().post('/v1/sms/codes').send({ phone, channel: 'voice' }).expect(202);
    const call = aliyun.calls.find((placed) => placed.calledNumber === phone.slice(3));
    if (!call) throw new Error('Aliyun VMS fake placed no call');
    return { phone, callId: call.callId };
  };

  it('marks an answered Tencent call delivered, answering as Tencent expects', async () => {
    const { phone, callId } = await callThroughTencent();
    expect((await recordOf(phone)).status).toBe('sent');

    const pushed = await tencent.pushCallResult(callbackUrl('tencent'), callId, '0');

    expect(pushed).toEqual({ status: 200, body: { result: 0, errmsg: 'OK' }, taken: true });
    const record = await recordOf(phone);
    expect(record).toMatchObject({
      channel: 'voice',
      provider: 'tencent',
      status: 'delivered',
      receiptCode: 'ANSWERED',
    });
    // The time the callee answered (Tencent's accept_time, Unix seconds).
    expect(Math.abs(Date.parse(record.receiptAt) - Date.now())).toBeLessThan(60_000);
  });

  it.each([
    ['1', 'not answered', 'NOT_ANSWERED'],
    ['2', 'a call error', 'CALL_ERROR'],
  ] as const)(
    'marks a Tencent call with result %s (%s) undelivered',
    async (result, _what, code) => {
      const { phone, callId } = await callThroughTencent();

      const pushed = await tencent.pushCallResult(callbackUrl('tencent'), callId, result);

      expect(pushed.taken).toBe(true);
      expect(await recordOf(phone)).toMatchObject({ status: 'undelivered', receiptCode: code });
    },
  );

  it("takes Tencent's failure reason (busy) as undelivered", async () => {
    const { phone, callId } = await callThroughTencent();

    const pushed = await tencent.pushFailureReason(callbackUrl('tencent'), callId, 2, '通话中');

    expect(pushed.taken).toBe(true);
    expect(await recordOf(phone)).toMatchObject({
      status: 'undelivered',
      receiptCode: 'FAILURE_2',
    });
  });

  it("marks Aliyun's calls from one VoiceReport: heard delivered, busy and refused undelivered", async () => {
    const heard = await callThroughAliyun();
    const busy = await callThroughAliyun();
    const refused = await callThroughAliyun();

    const pushed = await aliyun.pushVoiceReport(callbackUrl('aliyun'), [
      { callId: heard.callId, statusCode: '200000' },
      { callId: busy.callId, statusCode: '200002' },
      { callId: refused.callId, statusCode: '200005' },
    ]);

    expect(pushed).toEqual({ status: 200, body: { code: 0, msg: '接收成功' }, taken: true });
    expect(await recordOf(heard.phone)).toMatchObject({
      provider: 'aliyun',
      channel: 'voice',
      status: 'delivered',
      receiptCode: '200000',
    });
    expect(await recordOf(busy.phone)).toMatchObject({
      status: 'undelivered',
      receiptCode: '200002',
    });
    expect(await recordOf(refused.phone)).toMatchObject({
      status: 'undelivered',
      receiptCode: '200005',
    });
  });

  it('counts the call results in the statistics by channel', async () => {
    const { callId } = await callThroughTencent();
    await tencent.pushCallResult(callbackUrl('tencent'), callId, '0');

    const stats = await admin.get('/v1/admin/sms/stats', { groupBy: 'channel' }).expect(200);

    const voice = stats.body.groups.find((group: { key: string }) => group.key === 'voice');
    expect(voice.delivered).toBeGreaterThanOrEqual(2);
    expect(voice.undelivered).toBeGreaterThanOrEqual(5);
    expect(stats.body.groups.find((group: { key: string }) => group.key === 'sms')).toBeUndefined();
  });

  it.each([
    ['without a token', (url: string) => url.replace(/\?token=.*$/, '')],
    ['with a wrong token', (url: string) => url.replace(/token=.*$/, 'token=not-the-token')],
  ])('refuses a call result %s: 401, the vendor sees it not taken', async (_case, spoil) => {
    const { phone, callId } = await callThroughTencent();

    const pushed = await tencent.pushCallResult(spoil(callbackUrl('tencent')), callId, '1');

    expect(pushed.status).toBe(401);
    expect(pushed.taken).toBe(false);
    expect((pushed.body as { code: string }).code).toBe('Unauthorized');
    expect((await recordOf(phone)).status).toBe('sent');
  });

  it('keeps SMS reports and call results apart: an SMS receipt with a CallId marks no call', async () => {
    const { phone, callId } = await callThroughTencent();

    await service
      .http()
      .post('/v1/sms/receipts/tencent')
      .query({ token: RECEIPT_TOKEN })
      .send([{ sid: callId, report_status: 'FAIL', errmsg: 'MK:0001' }])
      .expect(200);

    expect((await recordOf(phone)).status).toBe('sent');
  });

  it('takes events that are not call results, and unknown calls, without changing anything', async () => {
    const { phone } = await callThroughTencent();
    const post = (body: object) =>
      service.http().post('/v1/voice/receipts/tencent').query({ token: RECEIPT_TOKEN }).send(body);

    await post({ voicekey_callback: { callid: 'x', keypress: '2' } }).expect(200, {
      result: 0,
      errmsg: 'OK',
    });
    await post({ voicecode_callback: { callid: 'unknown-call', result: '0' } }).expect(200);
    await service
      .http()
      .post('/v1/voice/receipts/aliyun')
      .query({ token: RECEIPT_TOKEN })
      .send([{ call_id: 'unknown^1', status_code: '200000' }, { status_code: '200201' }])
      .expect(200, { code: 0, msg: '接收成功' });
    expect((await recordOf(phone)).status).toBe('sent');
  });

  it('answers InValidParam for a body of the wrong shape', async () => {
    const tencentArray = await service
      .http()
      .post('/v1/voice/receipts/tencent')
      .query({ token: RECEIPT_TOKEN })
      .send([{ voicecode_callback: {} }])
      .expect(400);
    expect(tencentArray.body.code).toBe('InValidParam');
    const aliyunObject = await service
      .http()
      .post('/v1/voice/receipts/aliyun')
      .query({ token: RECEIPT_TOKEN })
      .send({ call_id: 'x', status_code: '200000' })
      .expect(400);
    expect(aliyunObject.body.code).toBe('InValidParam');
  });
});
