import { randomUUID } from 'node:crypto';
import { startTencentVmsFake } from '../../../../../test/fakes/tencent-vms.fake';
import type { TencentVmsFake } from '../../../../../test/fakes/tencent-vms.fake';
import type { OutgoingSms } from '../sms-provider';
import { TencentVoiceProvider } from './tencent-voice.provider';
import type { TencentVoiceOptions } from './tencent-voice.provider';

const ACCOUNT = { secretId: 'AKIDvoicetest', secretKey: 'tencent-voice-secret' };
const APP_ID = '1400007777';

function voiceCode(overrides: Partial<OutgoingSms> = {}): OutgoingSms {
  return {
    id: randomUUID(),
    phone: '+8613800138000',
    region: 'CN',
    content: 'Your verification code is 0 4 5 6 7 8. Again, your code is 0 4 5 6 7 8.',
    purpose: 'login',
    signature: '腾讯云',
    variables: [['code', '045678']],
    ...overrides,
  };
}

describe('TencentVoiceProvider against the VMS fake', () => {
  let fake: TencentVmsFake;
  const noAbort = new AbortController().signal;
  const provider = (overrides: Partial<TencentVoiceOptions> = {}) =>
    new TencentVoiceProvider({
      ...ACCOUNT,
      voiceSdkAppId: APP_ID,
      region: 'ap-guangzhou',
      playTimes: 2,
      endpoint: fake.url,
      timeoutMs: 2000,
      ...overrides,
    });

  beforeAll(async () => {
    fake = await startTencentVmsFake({ ...ACCOUNT, voiceSdkAppId: APP_ID });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.setMode('ok'));

  it('places SendCodeVoice with the digits, signed for vms, and answers the CallId', async () => {
    const message = voiceCode();

    const outcome = await provider().send(message, noAbort);

    const received = fake.requests.at(-1);
    expect(received?.outcome).toBe('Ok');
    expect(received?.headers).toMatchObject({
      'x-tc-action': 'SendCodeVoice',
      'x-tc-version': '2020-09-02',
      'x-tc-region': 'ap-guangzhou',
    });
    expect(received?.headers.authorization).toMatch(/\/vms\/tc3_request, /);
    expect(received?.body).toEqual({
      CodeMessage: '045678',
      CalledNumber: '+8613800138000',
      VoiceSdkAppid: APP_ID,
      PlayTimes: 2,
      SessionContext: message.id,
    });
    expect(outcome).toEqual({ status: 'accepted', providerMessageId: fake.calls.at(-1)?.callId });
  });

  it('declares the mainland as the only region it calls, on the voice channel', () => {
    expect(provider()).toMatchObject({ name: 'tencent', channel: 'voice', regions: ['CN'] });
  });

  it('is refused by the fake with a wrong secret: authentication, at this provider', async () => {
    const placed = fake.calls.length;
    const outcome = await provider({ secretKey: 'wrong' }).send(voiceCode(), noAbort);

    expect(outcome).toMatchObject({
      status: 'refused',
      reason: 'authentication_failed',
      scope: 'provider',
      providerCode: 'AuthFailure.SignatureFailure',
    });
    expect(fake.calls).toHaveLength(placed);
  });

  it('maps an unknown app id and an empty voice package to this provider', async () => {
    await expect(
      provider({ voiceSdkAppId: '1400000000' }).send(voiceCode(), noAbort),
    ).resolves.toMatchObject({
      reason: 'authentication_failed',
      scope: 'provider',
      providerCode: 'InvalidParameterValue.SdkAppidNotExist',
    });
    fake.setMode({ code: 'FailedOperation.InsufficientBalanceInVoicePackage' });
    await expect(provider().send(voiceCode(), noAbort)).resolves.toMatchObject({
      reason: 'balance_or_account',
      scope: 'provider',
    });
  });

  it("maps the callee's frequency limit to a short rate limit about the message", async () => {
    fake.setMode({ code: 'LimitExceeded.DeliveryFrequencyLimit' });

    await expect(provider().send(voiceCode(), noAbort)).resolves.toMatchObject({
      status: 'refused',
      reason: 'rate_limited',
      scope: 'message',
      window: 'short',
    });
  });

  it('does not call a message without a numeric code', async () => {
    const before = fake.requests.length;
    const outcome = await provider().send(voiceCode({ variables: [['code', '12ab']] }), noAbort);

    expect(outcome).toMatchObject({ status: 'refused', providerCode: 'NoCode' });
    expect(fake.requests).toHaveLength(before);
  });

  it("answers a 5xx as Tencent's own refusal and a timeout as unknown", async () => {
    fake.setMode('error500');
    await expect(provider().send(voiceCode(), noAbort)).resolves.toMatchObject({
      status: 'refused',
      scope: 'provider',
      providerCode: 'HTTP_500',
    });
    fake.setMode('slow');
    await expect(provider({ timeoutMs: 100 }).send(voiceCode(), noAbort)).resolves.toMatchObject({
      status: 'unknown',
    });
  });
});
