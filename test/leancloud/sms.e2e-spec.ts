import type AVType from 'leancloud-storage';
import { initSdk, leanCloudSettings, sdkError, signedHeaders } from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

describe('LeanCloud /1.1: general SMS codes through the official SDK', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let AV: typeof AVType;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({ ...receiver.settings, ...leanCloudSettings });
    AV = initSdk(await service.listen());
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  it('sends a code with requestSmsCode that verifySmsCode accepts once', async () => {
    const phone = uniqueCnPhone();
    await expect(AV.Cloud.requestSmsCode(phone)).resolves.toEqual({});
    const code = receiver.lastCodeFor(phone);
    await expect(AV.Cloud.verifySmsCode(code, phone)).resolves.toEqual({});

    const reused = await sdkError(AV.Cloud.verifySmsCode(code, phone));
    expect(reused.code).toBe(603);
    expect(reused.rawMessage).toBe('Invalid SMS code.');
  });

  it('reads a number without a country code as +86, and the object form with its options', async () => {
    const phone = uniqueCnPhone();
    // Options the SDK's types leave out but pass through, as apps used them.
    const options = {
      mobilePhoneNumber: phone.slice(3),
      name: 'Shop',
      op: 'payment',
      ttl: 5,
      smsType: 'sms' as const,
      order_id: 'A-1',
    };
    await AV.Cloud.requestSmsCode(options);
    expect(receiver.messagesTo(phone)).toHaveLength(1);
    await AV.Cloud.verifySmsCode(receiver.lastCodeFor(phone), phone.slice(3));
  });

  it('answers 603 for a wrong code, and for a phone that was sent none', async () => {
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const code = receiver.lastCodeFor(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await sdkError(AV.Cloud.verifySmsCode(wrong, phone))).code).toBe(603);
    expect((await sdkError(AV.Cloud.verifySmsCode('123456', uniqueCnPhone()))).code).toBe(603);
  });

  it('answers 601 when a second code is asked for too soon', async () => {
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const tooSoon = await sdkError(AV.Cloud.requestSmsCode(phone));
    expect(tooSoon.code).toBe(601);
    expect(tooSoon.rawMessage).toBe("Can't send SMS too frequently.");
  });

  it('answers 127 for a number that is not a mobile phone', async () => {
    const invalid = await sdkError(AV.Cloud.requestSmsCode('+86123'));
    expect(invalid.code).toBe(127);
  });

  it('answers 119 for a voice code while no voice provider is configured', async () => {
    const phone = uniqueCnPhone();
    const voice = await sdkError(
      AV.Cloud.requestSmsCode({ mobilePhoneNumber: phone, smsType: 'voice' }),
    );
    expect(voice.code).toBe(119);
    expect(receiver.messagesTo(phone)).toHaveLength(0);
  });

  it('answers 212 when the phone is missing (the SDK would refuse to send it)', async () => {
    const response = await service
      .http()
      .post('/1.1/requestSmsCode')
      .set(signedHeaders())
      .send({})
      .expect(400);
    expect(response.body).toEqual({
      code: 212,
      error: 'The mobile phone number is missing, and must be specified.',
    });
    const verify = await service
      .http()
      .post('/1.1/verifySmsCode/123456')
      .set(signedHeaders())
      .send({})
      .expect(400);
    expect(verify.body.code).toBe(212);
  });

  it('refuses international numbers with code 1 when only China is served', async () => {
    const cnOnly = await startTestApp({
      ...receiver.settings,
      ...leanCloudSettings,
      SMS_ALLOWED_REGIONS: 'CN',
    });
    try {
      const response = await cnOnly
        .http()
        .post('/1.1/requestSmsCode')
        .set(signedHeaders())
        .send({ mobilePhoneNumber: '+12015550123' })
        .expect(400);
      expect(response.body).toEqual({
        code: 1,
        error: 'International SMS is disabled, please enable it in console.',
      });
    } finally {
      await cnOnly.close();
    }
  });
});
