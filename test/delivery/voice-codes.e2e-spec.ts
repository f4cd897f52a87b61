import { randomInt } from 'node:crypto';
import type { AliyunVmsFake } from '../fakes/aliyun-vms.fake';
import type { TencentVmsFake } from '../fakes/tencent-vms.fake';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi } from '../templates/catalog-api';
import { ALIYUN_TTS_CODE, startVoiceVendors, VoiceVendors } from './voice-vendors';

/** A US number no other test uses: no voice provider here calls outside the mainland. */
const uniqueUsPhone = (): string => `+1650253${String(randomInt(10_000)).padStart(4, '0')}`;

describe('Voice codes through Tencent VMS and Aliyun Dyvmsapi', () => {
  let vendors: VoiceVendors;
  let tencent: TencentVmsFake;
  let aliyun: AliyunVmsFake;
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  beforeAll(async () => {
    vendors = await startVoiceVendors();
    ({ tencent, aliyun } = vendors);
    database = await createIsolatedDatabase();
    service = await startTestApp({
      // International numbers below: SMS_ALLOWED_REGIONS defaults to SMS_DEFAULT_REGION only.
      SMS_ALLOWED_REGIONS: '*',
      DATABASE_URL: database.url,
      ...vendors.settings,
      SMS_PROVIDER_TIMEOUT_MS: '500',
    });
    admin = adminApi(service);
  });

  afterAll(async () => {
    await service.close();
    await vendors.close();
    await database.drop();
  });

  afterEach(() => {
    tencent.setMode('ok');
    aliyun.setMode('ok');
  });

  const requestVoiceCode = (phone: string) =>
    service.http().post('/v1/sms/codes').send({ phone, channel: 'voice' });
  const verify = (phone: string, code: string) =>
    service.http().post('/v1/sms/codes/verify').send({ phone, code });
  const recordOf = async (phone: string) => {
    const page = await admin.get('/v1/admin/sms/messages', { phone }).expect(200);
    return page.body.items[0];
  };

  it('places a Tencent call that reads the code, which then verifies like an SMS code', async () => {
    const phone = uniqueCnPhone();

    const response = await requestVoiceCode(phone).expect(202);

    expect(response.body).toEqual({
      expiresIn: expect.any(Number),
      retryAfter: expect.any(Number),
    });
    // The fake re-checked the TC3 signature (service vms): a call it placed was signed right.
    const call = tencent.calls.find((placed) => placed.calledNumber === phone);
    expect(call?.codeMessage).toMatch(/^\d{6}$/);
    expect(aliyun.calls.filter((placed) => placed.calledNumber === phone.slice(3))).toEqual([]);
    await verify(phone, call?.codeMessage ?? '').expect(200, { verified: true });

    expect(await recordOf(phone)).toMatchObject({
      channel: 'voice',
      provider: 'tencent',
      providerMessageId: call?.callId,
      status: 'sent',
      segments: 1,
      // No signature, the code masked and spaced to be read digit by digit.
      content: 'Your verification code is * * * * * *. Again, your code is * * * * * *.',
    });
  });

  it('fails over to an Aliyun call when Tencent refuses for its own matter', async () => {
    const phone = uniqueCnPhone();
    tencent.setMode({ code: 'FailedOperation.InsufficientBalanceInVoicePackage' });

    await requestVoiceCode(phone).expect(202);

    const call = aliyun.calls.find((placed) => placed.calledNumber === phone.slice(3));
    expect(call).toMatchObject({ ttsCode: ALIYUN_TTS_CODE, playTimes: 2 });
    expect(call?.ttsParam.code).toMatch(/^\d{6}$/);
    await verify(phone, call?.ttsParam.code ?? '').expect(200);
    const record = await recordOf(phone);
    expect(record).toMatchObject({
      channel: 'voice',
      provider: 'aliyun',
      providerMessageId: call?.callId,
    });
    expect(
      record.attempts.map((attempt: { provider: string; status: string; errorCode?: string }) => [
        attempt.provider,
        attempt.status,
        attempt.errorCode,
      ]),
    ).toEqual([
      ['tencent', 'failed', 'FailedOperation.InsufficientBalanceInVoicePackage'],
      ['aliyun', 'sent', undefined],
    ]);
  });

  it('stops at a refusal about the callee: the number is invalid, and no limit is spent', async () => {
    const phone = uniqueCnPhone();
    tencent.setMode({ code: 'InvalidParameterValue.CalledNumberVerifyFail' });

    const refused = await requestVoiceCode(phone).expect(400);

    expect(refused.body.code).toBe('PhoneInvalid');
    expect(aliyun.calls.filter((placed) => placed.calledNumber === phone.slice(3))).toEqual([]);
    tencent.setMode('ok');
    // The reservation was given back: no TooFrequent within the resend interval.
    await requestVoiceCode(phone).expect(202);
  });

  it("answers the callee's frequency limit at Tencent as TooFrequent, without failing over", async () => {
    const phone = uniqueCnPhone();
    tencent.setMode({ code: 'LimitExceeded.DeliveryFrequencyLimit' });

    const refused = await requestVoiceCode(phone).expect(429);

    expect(refused.body.code).toBe('TooFrequent');
    expect(aliyun.calls.filter((placed) => placed.calledNumber === phone.slice(3))).toEqual([]);
  });

  it('answers 502 SendFailed when both vendors refuse for their own matter, giving the reservation back', async () => {
    const phone = uniqueCnPhone();
    tencent.setMode({ code: 'InternalError.UpstreamError' });
    aliyun.setMode({ code: 'isv.AMOUNT_NOT_ENOUGH' });

    const failed = await requestVoiceCode(phone).expect(502);

    expect(failed.body.code).toBe('SendFailed');
    expect(await recordOf(phone)).toMatchObject({ channel: 'voice', status: 'failed' });
    tencent.setMode('ok');
    aliyun.setMode('ok');
    await requestVoiceCode(phone).expect(202);
  });

  it('answers 400 ChannelNotAvailable for a region no voice provider calls, before any limit', async () => {
    const phone = uniqueUsPhone();
    const callsBefore = tencent.requests.length + aliyun.requests.length;

    const refused = await requestVoiceCode(phone).expect(400);

    expect(refused.body.code).toBe('ChannelNotAvailable');
    expect(tencent.requests.length + aliyun.requests.length).toBe(callsBefore);
    // Nothing was reserved: an SMS code to the same phone goes at once (no TooFrequent).
    await service.http().post('/v1/sms/codes').send({ phone }).expect(202);
    const record = await recordOf(phone);
    expect(record).toMatchObject({ channel: 'sms', provider: 'console' });
  });

  it('refuses an unknown channel with a clear error', async () => {
    const refused = await service
      .http()
      .post('/v1/sms/codes')
      .send({ phone: uniqueCnPhone(), channel: 'pigeon' })
      .expect(400);

    expect(refused.body.code).toBe('InValidParam');
    expect(refused.body.errors).toEqual([{ field: 'channel', message: expect.any(String) }]);
  });

  it('counts messages by channel, a call as one billing unit', async () => {
    const phone = uniqueCnPhone();
    await requestVoiceCode(phone).expect(202);

    const stats = await admin.get('/v1/admin/sms/stats', { groupBy: 'channel' }).expect(200);

    expect(stats.body.groupBy).toBe('channel');
    const voice = stats.body.groups.find((group: { key: string }) => group.key === 'voice');
    expect(voice.messages).toBeGreaterThanOrEqual(1);
    // Every call taken is one unit, whatever the length of its text.
    expect(voice.segments).toBe(voice.sent + voice.delivered + voice.undelivered + voice.unknown);
  });
});

describe('Voice codes through the webhook', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    service = await startTestApp({
      // International numbers below: SMS_ALLOWED_REGIONS defaults to SMS_DEFAULT_REGION only.
      SMS_ALLOWED_REGIONS: '*',
      DATABASE_URL: database.url,
      ...receiver.settings,
      VOICE_PROVIDER: 'webhook',
    });
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  it('posts the voice code with channel "voice" to the one webhook, which then verifies', async () => {
    const phone = uniqueCnPhone();

    await service.http().post('/v1/sms/codes').send({ phone, channel: 'voice' }).expect(202);

    const [call] = receiver.messagesTo(phone);
    expect(call).toMatchObject({ channel: 'voice', purpose: 'operation', signatureValid: true });
    const { code } = call.variables;
    expect(code).toMatch(/^\d{6}$/);
    expect(call.content).toBe(
      `Your verification code is ${code.split('').join(' ')}. Again, your code is ${code.split('').join(' ')}.`,
    );
    expect(call.content).not.toContain('【');
    await service.http().post('/v1/sms/codes/verify').send({ phone, code }).expect(200);
  });

  it('calls any region: the webhook declares no region of its own', async () => {
    const phone = uniqueUsPhone();

    await service.http().post('/v1/sms/codes').send({ phone, channel: 'voice' }).expect(202);

    expect(receiver.messagesTo(phone)).toEqual([expect.objectContaining({ channel: 'voice' })]);
  });

  it('still sends SMS codes through the same webhook, with channel "sms"', async () => {
    const phone = uniqueCnPhone();

    await service.http().post('/v1/sms/codes').send({ phone }).expect(202);

    const [sms] = receiver.messagesTo(phone);
    expect(sms).toMatchObject({ channel: 'sms' });
    expect(sms.content).toMatch(/^【.+】Your verification code is \d{6}\./);
  });
});
