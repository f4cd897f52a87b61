import type { AppConfigService } from '@app/config';
import { SmsProviderError } from '../providers/sms-provider';
import type { OutgoingSms, SmsProvider } from '../providers/sms-provider';
import { SmsProviderRouter } from '../providers/sms-provider-router';
import type { SmsMessageRecord } from '../records/sms-message-record';
import type { SmsMessageRecorder } from '../records/sms-message.recorder';
import { SendFailedError, PhoneInvalidError } from '../sms.errors';
import { TemplateNotApprovedError } from '../sms-catalog.errors';
import { SmsSender } from './sms-sender.service';
import { TestPhoneNumbers } from './test-phone-numbers';

const config = (values: Record<string, unknown>): AppConfigService =>
  ({ get: (key: string) => values[key] }) as unknown as AppConfigService;

class StubProvider implements SmsProvider {
  readonly calls: OutgoingSms[] = [];
  constructor(
    readonly name: string,
    private readonly outcome: SmsProviderError | string,
    readonly requiresProviderTemplate = false,
  ) {}

  send(sms: OutgoingSms): Promise<{ providerMessageId: string }> {
    this.calls.push(sms);
    return typeof this.outcome === 'string'
      ? Promise.resolve({ providerMessageId: this.outcome })
      : Promise.reject(this.outcome);
  }
}

const down = (name: string) => new SmsProviderError(name, 'transport', 'ECONNRESET', 'reset');
const refused = (name: string) =>
  new SmsProviderError(name, 'rejected', 'BadNumber', 'bad number', 'phone_invalid');

function sender(providers: SmsProvider[], testNumbers: Record<string, string> = {}) {
  const records: SmsMessageRecord[] = [];
  const recorder = {
    record: (record: SmsMessageRecord) => void records.push(record),
    whileSending: <T>(send: () => Promise<T>) => send(),
  } as unknown as SmsMessageRecorder;
  const settings = config({ SMS_PROVIDER_TIMEOUT_MS: 1000, SMS_TEST_NUMBERS: testNumbers });
  const instance = new SmsSender(
    new SmsProviderRouter(providers),
    recorder,
    new TestPhoneNumbers(settings),
    settings,
  );
  return { instance, records };
}

const sms = (template?: OutgoingSms['template']): OutgoingSms => ({
  id: '7b0f3a44-0000-4000-8000-000000000000',
  phone: '+8613800138000',
  region: 'CN',
  content: '【Demo】code 123456',
  purpose: 'login',
  signature: 'Demo',
  variables: [['code', '123456']],
  template,
});
const context = { kind: 'verification' as const, recordedContent: '【Demo】code ******' };

describe('SmsSender', () => {
  it('fails over past a transport failure and records both attempts', async () => {
    const first = new StubProvider('a', down('a'));
    const second = new StubProvider('b', 'b-1');
    const { instance, records } = sender([first, second]);

    await expect(instance.send(sms(), context)).resolves.toMatchObject({
      provider: 'b',
      providerMessageId: 'b-1',
      segments: 1,
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: 'sent', provider: 'b', providerMessageId: 'b-1' });
    expect(records[0].attempts.map((a) => [a.provider, a.status, a.errorCode])).toEqual([
      ['a', 'failed', 'ECONNRESET'],
      ['b', 'sent', undefined],
    ]);
  });

  it('stops at a refusal the next provider would repeat', async () => {
    const second = new StubProvider('b', 'b-1');
    const { instance, records } = sender([new StubProvider('a', refused('a')), second]);

    await expect(instance.send(sms(), context)).rejects.toBeInstanceOf(PhoneInvalidError);
    expect(second.calls).toHaveLength(0);
    expect(records[0]).toMatchObject({ status: 'failed', provider: 'a', errorCode: 'BadNumber' });
  });

  it('skips a provider without an id for the template', async () => {
    const tencent = new StubProvider('tencent', 't-1', true);
    const aliyun = new StubProvider('aliyun', 'a-1', true);
    const { instance, records } = sender([tencent, aliyun]);

    await instance.send(sms({ name: 'x', providerTemplateIds: { aliyun: 'SMS_1' } }), context);
    expect(tencent.calls).toHaveLength(0);
    expect(records[0].attempts).toEqual([
      expect.objectContaining({
        provider: 'tencent',
        errorCode: 'MissingTemplateId',
        latencyMs: 0,
      }),
      expect.objectContaining({ provider: 'aliyun', status: 'sent' }),
    ]);
  });

  it('answers TemplateNotApproved when no provider has an id for the template', async () => {
    const { instance } = sender([new StubProvider('tencent', 't-1', true)]);
    await expect(instance.send(sms(), context)).rejects.toBeInstanceOf(TemplateNotApprovedError);
  });

  it('reports a real failure rather than a skip', async () => {
    const { instance } = sender([
      new StubProvider('tencent', 't-1', true),
      new StubProvider('webhook', down('webhook')),
    ]);
    await expect(instance.send(sms(), context)).rejects.toBeInstanceOf(SendFailedError);
  });

  it('sends nothing to a test number, and records it as such', async () => {
    const provider = new StubProvider('a', 'a-1');
    const { instance, records } = sender([provider], { '+8613800138000': '123456' });

    await expect(instance.send(sms(), context)).resolves.toEqual({
      provider: 'test',
      testNumber: true,
      segments: 1,
    });
    expect(provider.calls).toHaveLength(0);
    expect(records[0]).toMatchObject({ testNumber: true, provider: 'test', attempts: [] });
  });
});
