import { randomUUID } from 'node:crypto';
import { startTencentSmsFake } from '../../../../../test/fakes/tencent-sms.fake';
import type {
  TencentSmsFake,
  TencentSmsFakeOptions,
} from '../../../../../test/fakes/tencent-sms.fake';
import type { OutgoingSms } from '../sms-provider';
import { TencentSmsProvider } from './tencent-sms.provider';
import type { TencentSmsOptions } from './tencent-sms.provider';

const FAKE_OPTIONS: TencentSmsFakeOptions = {
  secretId: 'AKIDbatchtest',
  secretKey: 'tencent-batch-secret',
  sdkAppId: '1400006666',
  approvedSignNames: ['腾讯云'],
  approvedTemplates: { '2220': { paramCount: 1 } },
};

/** A greeting to `count` numbers, the same content for all (`Dear member, {1}`). */
function greetings(count: number, firstNumber = 13800100000): OutgoingSms[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    phone: `+86${firstNumber + i}`,
    region: 'CN',
    content: '【腾讯云】Dear member, happy new year. 拒收请回复R',
    purpose: 'notification',
    signature: '腾讯云',
    variables: [['wish', 'happy new year']],
    template: { name: 'greeting', providerTemplateIds: { tencent: '2220' } },
  }));
}

describe('TencentSmsProvider.sendBatch against the Tencent fake', () => {
  let fake: TencentSmsFake;
  const noAbort = new AbortController().signal;

  const provider = (overrides: Partial<TencentSmsOptions> = {}): TencentSmsProvider =>
    new TencentSmsProvider({
      secretId: FAKE_OPTIONS.secretId,
      secretKey: FAKE_OPTIONS.secretKey,
      sdkAppId: FAKE_OPTIONS.sdkAppId,
      region: 'ap-guangzhou',
      endpoint: fake.url,
      timeoutMs: 2000,
      ...overrides,
    });

  beforeAll(async () => {
    fake = await startTencentSmsFake(FAKE_OPTIONS);
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.setMode('ok');
    fake.setStatusOrder('as-sent');
  });

  it('declares 200 numbers with the same variables', () => {
    expect(provider().batch).toEqual({ maxRecipients: 200, sameVariables: true });
  });

  it('sends 200 numbers in one signed SendSms and gives each its own SerialNo, in order', async () => {
    const messages = greetings(200);
    const before = fake.requests.length;

    const outcomes = await provider().sendBatch(messages, noAbort);

    expect(fake.requests).toHaveLength(before + 1);
    const received = fake.requests.at(-1);
    expect(received?.body).toMatchObject({
      PhoneNumberSet: messages.map((sms) => sms.phone),
      TemplateId: '2220',
      TemplateParamSet: ['happy new year'],
    });
    expect(received?.body).not.toHaveProperty('SessionContext');
    const serialByPhone = new Map(fake.sent.map((sent) => [sent.phoneNumber, sent.serialNo]));
    expect(outcomes).toEqual(
      messages.map((sms) => ({
        status: 'accepted',
        providerMessageId: serialByPhone.get(sms.phone),
      })),
    );
    expect(new Set(outcomes.map((o) => o.status === 'accepted' && o.providerMessageId)).size).toBe(
      200,
    );
  });

  it('matches outcomes to messages by PhoneNumber when Tencent answers in another order', async () => {
    const messages = greetings(3, 13800200000);
    fake.refuseNumber(messages[0].phone, 'LimitExceeded.PhoneNumberDailyLimit');
    fake.setStatusOrder('reversed');
    try {
      const outcomes = await provider().sendBatch(messages, noAbort);

      expect(outcomes.map((o) => o.status)).toEqual(['refused', 'accepted', 'accepted']);
      const serial = (phone: string): string | undefined =>
        fake.sent.find((sent) => sent.phoneNumber === phone)?.serialNo;
      expect(outcomes[1]).toEqual({
        status: 'accepted',
        providerMessageId: serial(messages[1].phone),
      });
      expect(outcomes[2]).toEqual({
        status: 'accepted',
        providerMessageId: serial(messages[2].phone),
      });
    } finally {
      fake.refuseNumber(messages[0].phone, undefined);
    }
  });

  it('maps a per-number refusal through the error-code table and sends the other numbers', async () => {
    const messages = greetings(4, 13800300000);
    fake.refuseNumber(messages[1].phone, 'LimitExceeded.PhoneNumberDailyLimit');
    fake.refuseNumber(messages[3].phone, 'FailedOperation.PhoneNumberInBlacklist');
    try {
      const outcomes = await provider().sendBatch(messages, noAbort);

      expect(fake.requests.at(-1)?.outcomes).toEqual([
        'Ok',
        'LimitExceeded.PhoneNumberDailyLimit',
        'Ok',
        'FailedOperation.PhoneNumberInBlacklist',
      ]);
      expect(outcomes[0].status).toBe('accepted');
      expect(outcomes[1]).toMatchObject({
        status: 'refused',
        reason: 'rate_limited',
        scope: 'message',
        window: 'daily',
        providerCode: 'LimitExceeded.PhoneNumberDailyLimit',
      });
      expect(outcomes[2].status).toBe('accepted');
      expect(outcomes[3]).toMatchObject({
        status: 'refused',
        reason: 'other',
        scope: 'message',
        providerCode: 'FailedOperation.PhoneNumberInBlacklist',
      });
      expect(
        fake.sent.filter((sent) => messages.some((sms) => sms.phone === sent.phoneNumber)),
      ).toHaveLength(2);
    } finally {
      fake.refuseNumber(messages[1].phone, undefined);
      fake.refuseNumber(messages[3].phone, undefined);
    }
  });

  it('gives a request-level error (a bad signature) to every message', async () => {
    const outcomes = await provider({ secretKey: 'wrong' }).sendBatch(greetings(3), noAbort);

    expect(outcomes).toHaveLength(3);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({
        status: 'refused',
        reason: 'authentication_failed',
        scope: 'provider',
        providerCode: 'AuthFailure.SignatureFailure',
      });
    }
  });

  it('gives a malformed number among them, refused for the request, to every message', async () => {
    const messages = [...greetings(2, 13800400000), { ...greetings(1)[0], phone: '+86123' }];

    const outcomes = await provider().sendBatch(messages, noAbort);

    expect(outcomes.map((o) => o.status === 'refused' && o.reason)).toEqual([
      'invalid_number',
      'invalid_number',
      'invalid_number',
    ]);
  });

  it('records a timeout as unknown for every number', async () => {
    fake.setMode('slow');

    const outcomes = await provider({ timeoutMs: 300 }).sendBatch(greetings(5), noAbort);

    expect(outcomes).toEqual(
      Array.from({ length: 5 }, () =>
        expect.objectContaining({ status: 'unknown', providerCode: 'Timeout' }),
      ),
    );
  });

  it('records a refused connection as unreached for every number', async () => {
    const closed = await startTencentSmsFake(FAKE_OPTIONS);
    await closed.close();

    const outcomes = await provider({ endpoint: closed.url }).sendBatch(greetings(2), noAbort);

    expect(outcomes.map((o) => o.status)).toEqual(['unreached', 'unreached']);
  });

  it('refuses every message without a request when the template has no Tencent id', async () => {
    const messages = greetings(2).map((sms) => ({
      ...sms,
      template: { name: 'greeting', providerTemplateIds: { aliyun: 'SMS_1' } },
    }));
    const before = fake.requests.length;

    const outcomes = await provider().sendBatch(messages, noAbort);

    expect(outcomes.map((o) => o.status === 'refused' && o.providerCode)).toEqual([
      'MissingTemplateId',
      'MissingTemplateId',
    ]);
    expect(fake.requests).toHaveLength(before);
  });

  it('throws for more than 200 messages or for different variables, sending nothing', async () => {
    const before = fake.requests.length;
    const [first, second] = greetings(2);

    await expect(provider().sendBatch(greetings(201), noAbort)).rejects.toThrow(/1 to 200/);
    await expect(
      provider().sendBatch([first, { ...second, variables: [['wish', 'other']] }], noAbort),
    ).rejects.toThrow(/one set of variables/);
    expect(fake.requests).toHaveLength(before);
  });
});
