import { startAliyunSmsFake } from '../../../../../test/fakes/aliyun-sms.fake';
import type { AliyunSmsFake } from '../../../../../test/fakes/aliyun-sms.fake';
import type { ConversionReport } from '../conversion-report';
import { AliyunSmsProvider } from './aliyun-sms.provider';
import type { AliyunSmsOptions } from './aliyun-sms.provider';

const ACCOUNT = { accessKeyId: 'LTAIconversion', accessKeySecret: 'aliyun-conv-secret' };

describe('AliyunSmsProvider.reportConversion against the Aliyun fake', () => {
  let fake: AliyunSmsFake;
  const noAbort = new AbortController().signal;
  const provider = (overrides: Partial<AliyunSmsOptions> = {}): AliyunSmsProvider =>
    new AliyunSmsProvider({
      ...ACCOUNT,
      endpoint: fake.url,
      timeoutMs: 3000,
      reportConversions: true,
      ...overrides,
    });
  const report = (region: string): ConversionReport => ({
    providerMessageId: '900619746936498440^0',
    region,
    sentAt: new Date('2026-12-01T10:00:00Z'),
    verifiedAt: new Date('2026-12-01T10:00:42.900Z'),
  });

  beforeAll(async () => {
    fake = await startAliyunSmsFake({ ...ACCOUNT, approvedSignNames: [], approvedTemplates: {} });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.setMode('ok'));

  it('takes no reports unless ALIYUN_SMS_REPORT_CONVERSION is on', () => {
    expect(provider({ reportConversions: false }).reportConversion).toBeUndefined();
  });

  it('reports an international message by SmsConversionIntl: its BizId, delivered, the time in ms', async () => {
    const outcome = await provider().reportConversion?.(report('US'), noAbort);

    expect(outcome).toEqual({ status: 'reported' });
    expect(fake.requests.at(-1)?.headers['x-acs-action']).toBe('SmsConversionIntl');
    expect(fake.conversions.at(-1)).toEqual({
      messageId: '900619746936498440^0',
      delivered: true,
      conversionTime: Date.parse('2026-12-01T10:00:42.900Z'),
      known: false,
    });
  });

  it('has no report for a mainland message, and calls nothing', async () => {
    const before = fake.requests.length;

    expect(await provider().reportConversion?.(report('CN'), noAbort)).toMatchObject({
      status: 'not_taken',
    });
    expect(fake.requests).toHaveLength(before);
  });

  it('retries after a dropped connection, not after a wrong signature', async () => {
    expect(
      await provider({ accessKeySecret: 'wrong' }).reportConversion?.(report('US'), noAbort),
    ).toMatchObject({ status: 'failed', retry: false, code: 'SignatureDoesNotMatch' });
    fake.setMode('down');
    expect(await provider().reportConversion?.(report('US'), noAbort)).toMatchObject({
      status: 'failed',
      retry: true,
    });
  });
});
