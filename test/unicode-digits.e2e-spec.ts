import { leanCloudSettings, signedHeaders } from './support/leancloud';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/** Each ASCII digit in another script: what a fullwidth or Arabic keyboard types. */
const inScript = (code: string, zero: number): string =>
  [...code].map((digit) => String.fromCodePoint(zero + Number(digit))).join('');
const FULLWIDTH_ZERO = 0xff10;
const ARABIC_INDIC_ZERO = 0x0660;

describe('Codes typed with Unicode digits', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;

  beforeAll(async () => {
    await receiver.start();
    // One try per code: a code read wrongly would die on its first use.
    service = await startTestApp({
      ...receiver.settings,
      ...leanCloudSettings,
      SMS_CODE_MAX_ATTEMPTS: '1',
      SMS_RESEND_INTERVAL_SECONDS: '0',
    });
  });
  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  async function sentCode(): Promise<{ phone: string; code: string }> {
    const phone = uniqueCnPhone();
    await service.http().post('/v1/sms/codes').send({ phone }).expect(202);
    return { phone, code: receiver.lastCodeFor(phone) };
  }

  it.each([
    ['fullwidth', FULLWIDTH_ZERO],
    ['Arabic-Indic', ARABIC_INDIC_ZERO],
  ])('verifies a right code typed in %s digits, with its one try', async (_script, zero) => {
    const { phone, code } = await sentCode();
    await service
      .http()
      .post('/v1/sms/codes/verify')
      .send({ phone, code: inScript(code, zero) })
      .expect(200, { verified: true });
  });

  it('spends the try of a wrong code in fullwidth digits like an ASCII one', async () => {
    const { phone, code } = await sentCode();
    const wrong = code === '000000' ? '111111' : '000000';
    const refused = await service
      .http()
      .post('/v1/sms/codes/verify')
      .send({ phone, code: inScript(wrong, FULLWIDTH_ZERO) })
      .expect(400);
    expect(refused.body.code).toBe('CodeIsError');
    const dead = await service
      .http()
      .post('/v1/sms/codes/verify')
      .send({ phone, code })
      .expect(400);
    expect(dead.body.code).toBe('CodeHasValid');
  });

  it('verifies on /1.1 a code in the path in fullwidth digits', async () => {
    const phone = uniqueCnPhone();
    await service
      .http()
      .post('/1.1/requestSmsCode')
      .set(signedHeaders())
      .send({ mobilePhoneNumber: phone })
      .expect(200);
    const code = inScript(receiver.lastCodeFor(phone), FULLWIDTH_ZERO);
    await service
      .http()
      .post(`/1.1/verifySmsCode/${encodeURIComponent(code)}`)
      .set(signedHeaders())
      .send({ mobilePhoneNumber: phone })
      .expect(200, {});
  });
});
