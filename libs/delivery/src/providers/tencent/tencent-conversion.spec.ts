import { startTencentSmsFake } from '../../../../../test/fakes/tencent-sms.fake';
import type { TencentSmsFake } from '../../../../../test/fakes/tencent-sms.fake';
import type { ConversionReport } from '../conversion-report';
import { TencentSmsProvider } from './tencent-sms.provider';
import type { TencentSmsOptions } from './tencent-sms.provider';

const ACCOUNT = {
  secretId: 'AKIDconversion',
  secretKey: 'tencent-conv-secret',
  sdkAppId: '1400006666',
};

describe('TencentSmsProvider.reportConversion against the Tencent fake', () => {
  let fake: TencentSmsFake;
  const noAbort = new AbortController().signal;
  const provider = (overrides: Partial<TencentSmsOptions> = {}): TencentSmsProvider =>
    new TencentSmsProvider({
      ...ACCOUNT,
      region: 'ap-guangzhou',
      endpoint: fake.url,
      timeoutMs: 3000,
      reportConversions: true,
      ...overrides,
    });
  const report = (serialNo: string): ConversionReport => ({
    providerMessageId: serialNo,
    region: 'CN',
    sentAt: new Date('2026-12-01T10:00:00Z'),
    verifiedAt: new Date('2026-12-01T10:00:42.900Z'),
  });

  beforeAll(async () => {
    fake = await startTencentSmsFake({
      ...ACCOUNT,
      approvedSignNames: ['腾讯云'],
      approvedTemplates: {},
    });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.setMode('ok'));

  it('takes no reports unless TENCENT_SMS_REPORT_CONVERSION is on', () => {
    expect(provider({ reportConversions: false }).reportConversion).toBeUndefined();
  });

  it('reports the SerialNo and the verify time in Unix seconds, signed (the fake re-verifies)', async () => {
    const outcome = await provider().reportConversion?.(report('2433:100'), noAbort);

    expect(outcome).toEqual({ status: 'reported' });
    expect(fake.requests.at(-1)?.headers['x-tc-action']).toBe('ReportConversion');
    expect(fake.conversions.at(-1)).toEqual({
      serialNo: '2433:100',
      conversionTime: Date.parse('2026-12-01T10:00:42Z') / 1000,
      known: false,
    });
  });

  it('does not retry a report refused for the credentials', async () => {
    const outcome = await provider({ secretKey: 'wrong' }).reportConversion?.(
      report('2433:1'),
      noAbort,
    );

    expect(outcome).toMatchObject({
      status: 'failed',
      retry: false,
      code: 'AuthFailure.SignatureFailure',
    });
  });

  it('retries after a timeout or a fault of Tencent', async () => {
    fake.setMode('slow');
    expect(
      await provider({ timeoutMs: 300 }).reportConversion?.(report('2433:2'), noAbort),
    ).toMatchObject({
      status: 'failed',
      retry: true,
      code: 'Timeout',
    });
    fake.setMode({ code: 'InternalError.SendAndRecvFail', level: 'request' });
    expect(await provider().reportConversion?.(report('2433:3'), noAbort)).toMatchObject({
      status: 'failed',
      retry: true,
    });
  });
});
