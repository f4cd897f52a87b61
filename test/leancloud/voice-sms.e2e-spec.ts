import { randomInt } from 'node:crypto';
import type AVType from 'leancloud-storage';
import { initSdk, leanCloudSettings, sdkError } from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

/** A US number no other test uses: the voice route below calls mainland phones only. */
const uniqueUsPhone = (): string => `+1650254${String(randomInt(10_000)).padStart(4, '0')}`;

describe("LeanCloud /1.1: voice codes through the official SDK's requestSmsCode", () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let AV: typeof AVType;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({
      // International numbers below: SMS_ALLOWED_REGIONS defaults to SMS_DEFAULT_REGION only.
      SMS_ALLOWED_REGIONS: '*',
      ...receiver.settings,
      ...leanCloudSettings,
      VOICE_ROUTES: 'CN=webhook',
      SMS_VOICE_RESEND_INTERVAL_SECONDS: '0',
      SMS_VOICE_PHONE_HOURLY_LIMIT: '2',
    });
    AV = initSdk(await service.listen());
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  const callsTo = (phone: string) =>
    receiver.messagesTo(phone).filter((message) => message.channel === 'voice');
  const requestCall = (mobilePhoneNumber: string) =>
    AV.Cloud.requestSmsCode({ mobilePhoneNumber, smsType: 'voice' });

  it('places a call with smsType "voice" whose code verifySmsCode accepts once', async () => {
    const phone = uniqueCnPhone();

    await expect(requestCall(phone)).resolves.toEqual({});

    const [call] = callsTo(phone);
    expect(call).toMatchObject({ channel: 'voice', purpose: 'operation' });
    const { code } = call.variables;
    expect(code).toMatch(/^\d{6}$/);
    expect(call.content).not.toContain('【');
    await expect(AV.Cloud.verifySmsCode(code, phone)).resolves.toEqual({});
    expect((await sdkError(AV.Cloud.verifySmsCode(code, phone))).code).toBe(603);
  });

  it("calls instead of a live SMS code once: the SMS code no longer verifies, the call's does", async () => {
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const smsCode = receiver.lastCodeFor(phone);

    await expect(requestCall(phone)).resolves.toEqual({});

    const callCode = callsTo(phone)[0].variables.code;
    // The SMS resend interval holds a second SMS back, as LeanCloud answers it.
    expect((await sdkError(AV.Cloud.requestSmsCode(phone))).code).toBe(601);
    if (smsCode !== callCode) {
      expect((await sdkError(AV.Cloud.verifySmsCode(smsCode, phone))).code).toBe(603);
    }
    await expect(AV.Cloud.verifySmsCode(callCode, phone)).resolves.toEqual({});
  });

  it('answers 601 once the phone has had its calls of the hour', async () => {
    const phone = uniqueCnPhone();
    await requestCall(phone);
    await requestCall(phone);

    const refused = await sdkError(requestCall(phone));

    expect(refused.code).toBe(601);
    expect(callsTo(phone)).toHaveLength(2);
  });

  it('answers 119 for a phone no voice provider calls, and the phone still gets an SMS', async () => {
    const phone = uniqueUsPhone();

    const refused = await sdkError(requestCall(phone));

    expect(refused.code).toBe(119);
    expect(refused.rawMessage).toMatch(/voice.*SMS instead/);
    expect(callsTo(phone)).toHaveLength(0);
    await expect(AV.Cloud.requestSmsCode(phone)).resolves.toEqual({});
    expect(receiver.messagesTo(phone)).toEqual([expect.objectContaining({ channel: 'sms' })]);
  });

  it('answers 119 for an smsType that is neither "sms" nor "voice"', async () => {
    const phone = uniqueCnPhone();
    const options = { mobilePhoneNumber: phone, smsType: 'fax' } as unknown as {
      mobilePhoneNumber: string;
    };

    const refused = await sdkError(AV.Cloud.requestSmsCode(options));

    expect(refused.code).toBe(119);
    expect(receiver.messagesTo(phone)).toHaveLength(0);
  });
});
