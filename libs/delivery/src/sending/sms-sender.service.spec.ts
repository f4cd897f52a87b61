import type { AppConfigService } from '@app/config';
import { Metrics } from '@app/metrics';
import { refused, unknownOutcome, unreached } from '../providers/sms-provider';
import type { OutgoingSms, SendFailure, SendOutcome, SmsProvider } from '../providers/sms-provider';
import { SmsProviderRouter } from '../providers/sms-provider-router';
import { VoiceProviderRouter } from '../providers/voice-provider-router';
import type { SmsMessageRecord } from '../records/sms-message-record';
import { PhoneInvalidError } from '@app/phone';
import { SendFailedError } from '../delivery.errors';
import { TemplateNotApprovedError } from '../catalog.errors';
import type { ProviderSendRates } from './provider-send-rates';
import { OVER_RATE_CODE } from './provider-send-rates';
import { SendRecordContext, SmsSender } from './sms-sender.service';
import { TestPhoneNumbers } from './test-phone-numbers';

const config = (values: Record<string, unknown>): AppConfigService =>
  ({ get: (key: string) => values[key] }) as unknown as AppConfigService;

class StubProvider implements SmsProvider {
  readonly channel = 'sms';
  readonly calls: OutgoingSms[] = [];
  constructor(
    readonly name: string,
    private readonly outcome: SendFailure | string,
    readonly requiresProviderTemplate = false,
  ) {}

  send(sms: OutgoingSms): Promise<SendOutcome> {
    this.calls.push(sms);
    return Promise.resolve(
      typeof this.outcome === 'string'
        ? { status: 'accepted', providerMessageId: this.outcome }
        : this.outcome,
    );
  }
}

const down = () => unreached('ECONNREFUSED', 'refused');
const badNumber = () => refused('invalid_number', 'message', 'BadNumber', 'bad number');

const noCaps = { overRate: () => Promise.resolve(undefined) } as unknown as ProviderSendRates;

/** The sender, with `send` and `deliver` keeping every record its dispatches answer. */
function sender(
  providers: SmsProvider[],
  testNumbers: Record<string, string> = {},
  rates: ProviderSendRates = noCaps,
) {
  const records: SmsMessageRecord[] = [];
  const settings = config({ SMS_PROVIDER_TIMEOUT_MS: 1000, SMS_TEST_NUMBERS: testNumbers });
  const metrics = new Metrics();
  const dispatcher = new SmsSender(
    new SmsProviderRouter(providers),
    new TestPhoneNumbers(settings),
    rates,
    metrics,
    settings,
    new VoiceProviderRouter([]),
  );
  const deliver = async (message: OutgoingSms, recordContext: SendRecordContext) => {
    const { result, record } = await dispatcher.dispatch(message, recordContext);
    records.push(record);
    return result;
  };
  const send = async (message: OutgoingSms, recordContext: SendRecordContext) => {
    const result = await deliver(message, recordContext);
    if ('unsent' in result) throw result.unsent.error;
    return result.sent;
  };
  return { instance: { send, deliver }, records, metrics };
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
    const first = new StubProvider('a', down());
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
      ['a', 'failed', 'ECONNREFUSED'],
      ['b', 'sent', undefined],
    ]);
  });

  it('counts each provider call by outcome, and the failover from one to the next', async () => {
    const { instance, metrics } = sender([
      new StubProvider('a', down()),
      new StubProvider('b', 'b-1'),
    ]);
    await instance.send(sms(), context);

    const values = async (name: string) =>
      (await metrics.registry.getSingleMetric(name)!.get()).values;
    expect(await values('smsauth_provider_failovers_total')).toEqual([
      { labels: { from: 'a', to: 'b' }, value: 1 },
    ]);
    const samples = (await values('smsauth_provider_request_duration_seconds')) as Array<{
      metricName?: string;
      labels: Record<string, string | number>;
      value: number;
    }>;
    const calls = samples
      .filter((sample) => sample.metricName === 'smsauth_provider_request_duration_seconds_count')
      .map((sample) => [sample.labels.provider, sample.labels.outcome, sample.value]);
    expect(calls).toEqual([
      ['a', 'unreached', 1],
      ['b', 'accepted', 1],
    ]);
  });

  it('stops at a refusal the next provider would repeat', async () => {
    const second = new StubProvider('b', 'b-1');
    const { instance, records } = sender([new StubProvider('a', badNumber()), second]);

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
      new StubProvider('webhook', down()),
    ]);
    await expect(instance.send(sms(), context)).rejects.toBeInstanceOf(SendFailedError);
  });

  it('skips a provider whose send rate is spent this second, and fails over', async () => {
    const capped = new StubProvider('a', 'a-1');
    const next = new StubProvider('b', 'b-1');
    const spentForA = {
      overRate: (provider: SmsProvider) =>
        Promise.resolve(
          provider.name === 'a' ? unreached(OVER_RATE_CODE, 'a takes 1 a second') : undefined,
        ),
    } as unknown as ProviderSendRates;
    const { instance, records } = sender([capped, next], {}, spentForA);

    await expect(instance.send(sms(), context)).resolves.toMatchObject({ provider: 'b' });
    expect(capped.calls).toHaveLength(0);
    expect(records[0].attempts).toEqual([
      expect.objectContaining({ provider: 'a', errorCode: OVER_RATE_CODE, latencyMs: 0 }),
      expect.objectContaining({ provider: 'b', status: 'sent' }),
    ]);
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

describe('SmsSender failover, outcome by outcome', () => {
  const timeout = () => unknownOutcome('Timeout', 'no answer');
  const reset = () => unknownOutcome('ECONNRESET', 'reset after writing');
  const auth = () => refused('authentication_failed', 'provider', 'AuthFailure', 'bad key');
  const balance = () => refused('balance_or_account', 'provider', 'NoBalance', 'empty');
  const throttled = () => refused('rate_limited', 'provider', 'Throttling', 'our account');
  const template = () => refused('template_not_approved', 'provider', 'Tpl', 'not here');
  const phoneDaily = () => refused('rate_limited', 'message', 'PhoneDaily', 'the phone', 'daily');

  type Kind = 'verification' | 'notification' | 'marketing';
  type Step = SendFailure | 'ok';
  it.each<[string, Kind, Step[], string[], string, string, boolean]>([
    // case, kind, outcomes of a, b, c → providers tried, record status, client error, maybe sent
    ['a code after a timeout', 'verification', [timeout(), 'ok'], ['a', 'b'], 'sent', '', true],
    [
      'a code after resets',
      'verification',
      [reset(), reset()],
      ['a', 'b'],
      'unknown',
      'SendFailed',
      true,
    ],
    [
      'a notification after a timeout',
      'notification',
      [timeout(), 'ok'],
      ['a'],
      'unknown',
      'SendFailed',
      true,
    ],
    ['marketing after a reset', 'marketing', [reset(), 'ok'], ['a'], 'unknown', 'SendFailed', true],
    ['a notification unreached', 'notification', [down(), 'ok'], ['a', 'b'], 'sent', '', false],
    ['an auth failure', 'notification', [auth(), 'ok'], ['a', 'b'], 'sent', '', false],
    ['an empty balance', 'verification', [balance(), 'ok'], ['a', 'b'], 'sent', '', false],
    [
      "a provider's own rate limit",
      'notification',
      [throttled(), 'ok'],
      ['a', 'b'],
      'sent',
      '',
      false,
    ],
    [
      'a template the provider did not approve',
      'verification',
      [template(), 'ok'],
      ['a', 'b'],
      'sent',
      '',
      false,
    ],
    [
      'an invalid number',
      'verification',
      [badNumber(), 'ok'],
      ['a'],
      'failed',
      'PhoneInvalid',
      false,
    ],
    [
      "the phone's own daily limit",
      'verification',
      [phoneDaily(), 'ok'],
      ['a'],
      'failed',
      'DailyLimitExceeded',
      false,
    ],
    [
      'every refusal definite',
      'verification',
      [down(), auth(), balance()],
      ['a', 'b', 'c'],
      'failed',
      'SendFailed',
      false,
    ],
    [
      'a timeout among definite ones',
      'verification',
      [down(), timeout(), balance()],
      ['a', 'b', 'c'],
      'unknown',
      'SendFailed',
      true,
    ],
    [
      'a timeout, then an invalid number',
      'verification',
      [timeout(), badNumber(), 'ok'],
      ['a', 'b'],
      'unknown',
      'PhoneInvalid',
      true,
    ],
  ])('%s (%s)', async (_case, kind, steps, tried, status, errorCode, maybeSent) => {
    const providers = steps.map(
      (step, index) => new StubProvider('abc'[index], step === 'ok' ? `${index}-id` : step),
    );
    const { instance, records } = sender(providers);

    const result = await instance.deliver(sms(), { ...context, kind });

    expect(providers.filter((p) => p.calls.length > 0).map((p) => p.name)).toEqual(tried);
    expect(records).toHaveLength(1);
    expect(records[0].status).toBe(status);
    expect(records[0].attempts.map((attempt) => attempt.provider)).toEqual(tried);
    if ('sent' in result) {
      expect(errorCode).toBe('');
    } else {
      expect(result.unsent.error.code).toBe(errorCode);
      expect(result.unsent.maybeSent).toBe(maybeSent);
    }
  });

  it('records an unknown attempt as unknown, with its code', async () => {
    const { instance, records } = sender([new StubProvider('a', timeout())]);
    await instance.deliver(sms(), { ...context, kind: 'notification' });
    expect(records[0].attempts).toEqual([
      expect.objectContaining({ provider: 'a', status: 'unknown', errorCode: 'Timeout' }),
    ]);
  });
});
