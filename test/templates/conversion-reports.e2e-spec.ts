import { uniqueCnPhone } from '../support/phones';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { ProviderFixture } from './provider-fixture';

let usSequence = 7000;
const uniqueUsPhone = (): string => `+1650253${String(++usSequence).padStart(4, '0')}`;

/** Polls `read` until it returns something, for at most `timeoutMs`. */
async function eventually<T>(read: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Conversion reports: a verified code told back to the provider that sent it', () => {
  const f = new ProviderFixture();
  let reporting: TestApp;

  beforeAll(async () => {
    await f.start();
    reporting = await startTestApp(
      f.settings({ SMS_PROVIDER: 'tencent', TENCENT_SMS_REPORT_CONVERSION: 'true' }),
    );
  });
  afterEach(() => f.resetModes());
  afterAll(async () => {
    await reporting.close();
    await f.close();
  });

  const verify = (app: TestApp, phone: string, code: string) =>
    app.http().post('/v1/sms/codes/verify').send({ phone, purpose: 'login', code });

  it('reports the SerialNo of a verified code to Tencent (ReportConversion, signed)', async () => {
    const phone = uniqueCnPhone();
    await f.sendCode(phone, {}, reporting).expect(202);
    const [message] = f.tencentSentTo(phone);
    const code = message.templateParams[1];
    const verifiedBefore = Math.floor(Date.now() / 1000);

    await verify(reporting, phone, code).expect(200);

    const conversion = await eventually(() =>
      f.tencent.conversions.find((entry) => entry.serialNo === message.serialNo),
    );
    expect(conversion.known).toBe(true);
    expect(conversion.conversionTime).toBeGreaterThanOrEqual(verifiedBefore);
    expect(conversion.conversionTime).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });

  it('reports nothing for a code that was never verified, nor while reports are off', async () => {
    const unverified = uniqueCnPhone();
    await f.sendCode(unverified, {}, reporting).expect(202);
    const [notVerified] = f.tencentSentTo(unverified);
    const quiet = uniqueCnPhone();
    await f.sendCode(quiet).expect(202);
    const [offMessage] = f.tencentSentTo(quiet);
    await verify(f.service, quiet, offMessage.templateParams[1]).expect(200);
    // A verified code of the reporting app after both, to know its reports have been made.
    const marker = uniqueCnPhone();
    await f.sendCode(marker, {}, reporting).expect(202);
    const [markerMessage] = f.tencentSentTo(marker);
    await verify(reporting, marker, markerMessage.templateParams[1]).expect(200);
    await eventually(() =>
      f.tencent.conversions.find((entry) => entry.serialNo === markerMessage.serialNo),
    );

    const reported = new Set(f.tencent.conversions.map((entry) => entry.serialNo));
    expect(reported.has(notVerified.serialNo)).toBe(false);
    expect(reported.has(offMessage.serialNo)).toBe(false);
  });

  it('answers the verify at once while Tencent hangs, and reports once Tencent is back', async () => {
    const phone = uniqueCnPhone();
    await f.sendCode(phone, {}, reporting).expect(202);
    const [message] = f.tencentSentTo(phone);
    f.tencent.setMode('slow');

    const startedAt = Date.now();
    await verify(reporting, phone, message.templateParams[1]).expect(200);
    // Well under SMS_PROVIDER_TIMEOUT_MS (500): the answer does not wait for the report.
    expect(Date.now() - startedAt).toBeLessThan(400);

    // The hanging call times out and is tried again with backoff; let it land once back.
    await new Promise((resolve) => setTimeout(resolve, 700));
    f.tencent.setMode('ok');
    const conversion = await eventually(
      () => f.tencent.conversions.find((entry) => entry.serialNo === message.serialNo),
      20_000,
    );
    expect(conversion.known).toBe(true);
  });

  it('answers the verify while Tencent is down (connections dropped)', async () => {
    const phone = uniqueCnPhone();
    await f.sendCode(phone, {}, reporting).expect(202);
    const [message] = f.tencentSentTo(phone);
    f.tencent.setMode('down');

    const startedAt = Date.now();
    await verify(reporting, phone, message.templateParams[1]).expect(200);
    expect(Date.now() - startedAt).toBeLessThan(400);
  });

  it('reports a verified international code to Aliyun (SmsConversionIntl), not a mainland one', async () => {
    const aliyun = await startTestApp(
      f.settings({ SMS_PROVIDER: 'aliyun', ALIYUN_SMS_REPORT_CONVERSION: 'true' }),
    );
    try {
      const us = uniqueUsPhone();
      const cn = uniqueCnPhone();
      await f.sendCode(us, {}, aliyun).expect(202);
      await f.sendCode(cn, {}, aliyun).expect(202);
      const [usMessage] = f.aliyunSentTo(us);
      const [cnMessage] = f.aliyunSentTo(cn);
      await verify(aliyun, cn, cnMessage.templateParam.code).expect(200);
      await verify(aliyun, us, usMessage.templateParam.code).expect(200);

      const conversion = await eventually(() =>
        f.aliyun.conversions.find((entry) => entry.messageId === usMessage.bizId),
      );
      expect(conversion).toMatchObject({ delivered: true, known: true });
      expect(f.aliyun.conversions.some((entry) => entry.messageId === cnMessage.bizId)).toBe(false);
    } finally {
      await aliyun.close();
    }
  });
});
