import { randomUUID } from 'node:crypto';
import { startAliyunVmsFake } from '../../../../../test/fakes/aliyun-vms.fake';
import type { AliyunVmsFake } from '../../../../../test/fakes/aliyun-vms.fake';
import type { OutgoingSms } from '../sms-provider';
import { AliyunVoiceProvider } from './aliyun-voice.provider';
import type { AliyunVoiceOptions } from './aliyun-voice.provider';

const ACCOUNT = { accessKeyId: 'LTAIvoicetest', accessKeySecret: 'aliyun-voice-secret' };

function voiceCode(overrides: Partial<OutgoingSms> = {}): OutgoingSms {
  return {
    id: randomUUID(),
    phone: '+8613800138000',
    region: 'CN',
    content: 'Your verification code is 1 2 3 4 5 6.',
    purpose: 'login',
    signature: '示例商城',
    variables: [['code', '123456']],
    ...overrides,
  };
}

describe('AliyunVoiceProvider against the Dyvmsapi fake', () => {
  let fake: AliyunVmsFake;
  const noAbort = new AbortController().signal;
  const provider = (overrides: Partial<AliyunVoiceOptions> = {}) =>
    new AliyunVoiceProvider({
      ...ACCOUNT,
      ttsCode: 'TTS_100001',
      ttsParam: 'code',
      playTimes: 2,
      endpoint: fake.url,
      timeoutMs: 2000,
      ...overrides,
    });

  beforeAll(async () => {
    fake = await startAliyunVmsFake({
      ...ACCOUNT,
      approvedTemplates: {
        TTS_100001: { variables: ['code'], voiceCode: true },
        TTS_200002: { variables: ['AckNum'], voiceCode: true },
      },
      showNumbers: ['057188773344'],
    });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.setMode('ok'));

  it('places SingleCallByTts with the code in TtsParam and answers the CallId', async () => {
    const message = voiceCode();

    const outcome = await provider().send(message, noAbort);

    const received = fake.requests.at(-1);
    expect(received?.outcome).toBe('OK');
    expect(received?.headers).toMatchObject({
      'x-acs-action': 'SingleCallByTts',
      'x-acs-version': '2017-05-25',
    });
    expect(received?.query).toEqual({
      CalledNumber: '13800138000',
      TtsCode: 'TTS_100001',
      TtsParam: '{"code":"123456"}',
      PlayTimes: '2',
      // At most 15 bytes: a prefix of the message id.
      OutId: message.id.replaceAll('-', '').slice(0, 15),
    });
    expect(outcome).toEqual({ status: 'accepted', providerMessageId: fake.calls.at(-1)?.callId });
    expect(fake.calls.at(-1)?.callId).toMatch(/^\d+\^\d+$/);
  });

  it("uses the caller number and the template's variable name it is given", async () => {
    await provider({
      ttsCode: 'TTS_200002',
      ttsParam: 'AckNum',
      calledShowNumber: '057188773344',
    }).send(voiceCode(), noAbort);

    expect(fake.calls.at(-1)).toMatchObject({
      ttsCode: 'TTS_200002',
      ttsParam: { AckNum: '123456' },
      calledShowNumber: '057188773344',
    });
  });

  it('declares the mainland as the only region it calls, on the voice channel', () => {
    expect(provider()).toMatchObject({ name: 'aliyun', channel: 'voice', regions: ['CN'] });
  });

  it('is refused by the fake with a wrong secret: authentication, at this provider', async () => {
    await expect(
      provider({ accessKeySecret: 'wrong' }).send(voiceCode(), noAbort),
    ).resolves.toMatchObject({
      status: 'refused',
      reason: 'authentication_failed',
      scope: 'provider',
      providerCode: 'SignatureDoesNotMatch',
    });
  });

  it('maps a TTS template or caller number Aliyun does not know to this provider', async () => {
    await expect(
      provider({ ttsCode: 'TTS_999' }).send(voiceCode(), noAbort),
    ).resolves.toMatchObject({
      reason: 'template_not_approved',
      scope: 'provider',
      providerCode: 'isv.TTS_TEMPLATE_ILLEGAL',
    });
    await expect(
      provider({ calledShowNumber: '01000000000' }).send(voiceCode(), noAbort),
    ).resolves.toMatchObject({
      reason: 'balance_or_account',
      providerCode: 'isv.DISPLAY_NUMBER_ILLEGAL',
    });
  });

  it("maps the callee's day limit to a daily rate limit about the message", async () => {
    fake.setMode({ code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发天级流控Permits:20' });

    await expect(provider().send(voiceCode(), noAbort)).resolves.toMatchObject({
      status: 'refused',
      reason: 'rate_limited',
      scope: 'message',
      window: 'daily',
    });
  });

  it('does not call a message without a numeric code', async () => {
    const before = fake.requests.length;
    const outcome = await provider().send(voiceCode({ variables: [] }), noAbort);

    expect(outcome).toMatchObject({ status: 'refused', providerCode: 'NoCode' });
    expect(fake.requests).toHaveLength(before);
  });
});
