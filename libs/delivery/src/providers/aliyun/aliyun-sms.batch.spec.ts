import { randomUUID } from 'node:crypto';
import { startAliyunSmsFake } from '../../../../../test/fakes/aliyun-sms.fake';
import type {
  AliyunSmsFake,
  AliyunSmsFakeOptions,
} from '../../../../../test/fakes/aliyun-sms.fake';
import type { OutgoingSms } from '../sms-provider';
import { AliyunSmsProvider } from './aliyun-sms.provider';
import type { AliyunSmsOptions } from './aliyun-sms.provider';

const FAKE_OPTIONS: AliyunSmsFakeOptions = {
  accessKeyId: 'LTAIbatchtest',
  accessKeySecret: 'aliyun-batch-secret',
  approvedSignNames: ['阿里云', '阿里巴巴'],
  approvedTemplates: { SMS_20000001: { variables: ['name'] } },
};

/** A greeting per member, each with its own name (`尊敬的${name}，新年快乐`). */
function greetings(count: number, firstNumber = 13900100000): OutgoingSms[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    phone: `+86${firstNumber + i}`,
    region: 'CN',
    content: `【阿里云】尊敬的member ${i}，新年快乐 拒收请回复R`,
    purpose: 'notification',
    signature: '阿里云',
    variables: [['name', `member ${i} (+&=)`]],
    template: { name: 'greeting', providerTemplateIds: { aliyun: 'SMS_20000001' } },
  }));
}

describe('AliyunSmsProvider.sendBatch against the Aliyun fake', () => {
  let fake: AliyunSmsFake;
  const noAbort = new AbortController().signal;

  const provider = (overrides: Partial<AliyunSmsOptions> = {}): AliyunSmsProvider =>
    new AliyunSmsProvider({
      accessKeyId: FAKE_OPTIONS.accessKeyId,
      accessKeySecret: FAKE_OPTIONS.accessKeySecret,
      endpoint: fake.url,
      timeoutMs: 2000,
      ...overrides,
    });

  beforeAll(async () => {
    fake = await startAliyunSmsFake(FAKE_OPTIONS);
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.setMode('ok'));

  it('declares 100 numbers, each with its own variables', () => {
    expect(provider().batch).toEqual({ maxRecipients: 100, sameVariables: false });
  });

  it('sends 100 numbers in one signed SendBatchSms, each with its own signature and variables, all with the batch BizId', async () => {
    const messages = greetings(100);
    messages[1] = { ...messages[1], signature: '阿里巴巴' };
    const before = fake.requests.length;

    const outcomes = await provider().sendBatch(messages, noAbort);

    expect(fake.requests).toHaveLength(before + 1);
    const received = fake.requests.at(-1);
    expect(received?.outcome).toBe('OK');
    expect(received?.headers).toMatchObject({
      'x-acs-action': 'SendBatchSms',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(received?.query).toEqual({ TemplateCode: 'SMS_20000001' });
    const sent = fake.sent.slice(-100);
    expect(sent.map((message) => message.phoneNumbers)).toEqual(
      messages.map((sms) => sms.phone.slice(3)),
    );
    expect(sent[1]).toMatchObject({
      signName: '阿里巴巴',
      templateParam: { name: 'member 1 (+&=)' },
    });
    expect(sent[99].templateParam).toEqual({ name: 'member 99 (+&=)' });
    const [bizId] = new Set(sent.map((message) => message.bizId));
    expect(outcomes).toEqual(
      messages.map(() => ({ status: 'accepted', providerMessageId: bizId })),
    );
  });

  it('gives a refused number, which Aliyun refuses the request for, to every message', async () => {
    const messages = greetings(3, 13900200000);
    fake.refuseNumber(messages[1].phone.slice(3), 'isv.MOBILE_NUMBER_ILLEGAL');
    const sentBefore = fake.sent.length;
    try {
      const outcomes = await provider().sendBatch(messages, noAbort);

      for (const outcome of outcomes) {
        expect(outcome).toMatchObject({
          status: 'refused',
          reason: 'invalid_number',
          scope: 'message',
          providerCode: 'isv.MOBILE_NUMBER_ILLEGAL',
        });
      }
      expect(fake.sent).toHaveLength(sentBefore);
    } finally {
      fake.refuseNumber(messages[1].phone.slice(3), undefined);
    }
  });

  it('maps a per-number rate limit through the error-code table', async () => {
    fake.setMode('daily-limit');

    const outcomes = await provider().sendBatch(greetings(2), noAbort);

    expect(outcomes.map((o) => o.status === 'refused' && [o.reason, o.window])).toEqual([
      ['rate_limited', 'daily'],
      ['rate_limited', 'daily'],
    ]);
  });

  it('is refused SignatureDoesNotMatch with a wrong secret (the fake re-signs the body hash)', async () => {
    const outcomes = await provider({ accessKeySecret: 'wrong' }).sendBatch(greetings(2), noAbort);

    expect(outcomes.map((o) => o.status === 'refused' && o.providerCode)).toEqual([
      'SignatureDoesNotMatch',
      'SignatureDoesNotMatch',
    ]);
  });

  it('records a timeout as unknown for every number', async () => {
    fake.setMode('slow');

    const outcomes = await provider({ timeoutMs: 300 }).sendBatch(greetings(4), noAbort);

    expect(outcomes).toEqual(
      Array.from({ length: 4 }, () =>
        expect.objectContaining({ status: 'unknown', providerCode: 'Timeout' }),
      ),
    );
  });

  it('records a dropped connection as unknown for every number', async () => {
    fake.setMode('down');

    const outcomes = await provider().sendBatch(greetings(2), noAbort);

    expect(outcomes.map((o) => o.status)).toEqual(['unknown', 'unknown']);
  });

  it('throws for more than 100 messages or for two templates, sending nothing', async () => {
    const before = fake.requests.length;
    const [first, second] = greetings(2);

    await expect(provider().sendBatch(greetings(101), noAbort)).rejects.toThrow(/1 to 100/);
    await expect(
      provider().sendBatch(
        [first, { ...second, template: { name: 'x', providerTemplateIds: { aliyun: 'SMS_2' } } }],
        noAbort,
      ),
    ).rejects.toThrow(/one template/);
    expect(fake.requests).toHaveLength(before);
  });
});
