import { CaptchaAnswers, solveCaptcha } from '../support/captcha-answers';
import { fakeClock } from '../support/clock';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { cnPhone, freshWindow, lonelyIp, requestCode, verifyCode } from './fraud-support';

const settings = {
  TRUST_PROXY: 'true',
  SMS_RESEND_INTERVAL_SECONDS: '0',
  CAPTCHA_RATE_LIMIT: '100000',
  SMS_FRAUD_GUARD: 'enforce',
};

const HOUR_MS = 3600_000;

describe('Fraud guard: budgets of unverified codes (enforce, captcha step-up)', () => {
  const receiver = new WebhookReceiver();
  let app: TestApp;
  let answers: CaptchaAnswers;

  beforeAll(async () => {
    await receiver.start();
    app = await startTestApp({ ...receiver.settings, ...settings });
    answers = new CaptchaAnswers(app.app);
  });
  afterAll(async () => {
    await app.close();
    await receiver.stop();
  });
  beforeEach(() => {
    fakeClock();
    freshWindow();
  });
  afterEach(() => jest.useRealTimers());

  const expectChallenge = async (phone: string, ip: string): Promise<void> => {
    const refused = await requestCode(app, phone, ip).expect(403);
    expect(refused.body).toMatchObject({ code: 'CaptchaRequired', reason: 'fraud_guard' });
    expect(receiver.messagesTo(phone)).toHaveLength(0);
  };

  it('challenges the 4th unverified code of an hour to one number prefix; a solved captcha passes', async () => {
    for (let i = 0; i < 3; i++) await requestCode(app, cnPhone(0, 1), lonelyIp()).expect(202);
    const ip = lonelyIp();
    await expectChallenge(cnPhone(0, 1), ip);
    await requestCode(app, cnPhone(0, 2), lonelyIp()).expect(202); // another prefix is apart

    const validateToken = await solveCaptcha(app, answers, ip);
    const phone = cnPhone(0, 1);
    await requestCode(app, phone, ip, { validateToken }).expect(202);
    expect(receiver.messagesTo(phone)).toHaveLength(1);
  });

  it('recovers as the window moves: the next hour has its own hourly budget', async () => {
    for (let i = 0; i < 3; i++) await requestCode(app, cnPhone(1, 1), lonelyIp()).expect(202);
    await expectChallenge(cnPhone(1, 1), lonelyIp());
    jest.setSystemTime(Date.now() + HOUR_MS);
    await requestCode(app, cnPhone(1, 1), lonelyIp()).expect(202);
  });

  it('gives the budget back when a code is verified', async () => {
    const phones = [cnPhone(2, 1), cnPhone(2, 1), cnPhone(2, 1)];
    for (const phone of phones) await requestCode(app, phone, lonelyIp()).expect(202);
    await receiver.waitForCount(receiver.received.length);
    for (const phone of phones) {
      await verifyCode(app, phone, receiver.lastCodeFor(phone)).expect(200);
    }
    for (let i = 0; i < 3; i++) await requestCode(app, cnPhone(2, 1), lonelyIp()).expect(202);
    await expectChallenge(cnPhone(2, 1), lonelyIp());
  });

  it('budgets a carrier range across its prefixes: the 6th unverified code of an hour', async () => {
    for (let i = 0; i < 5; i++) await requestCode(app, cnPhone(3, 100 + i), lonelyIp()).expect(202);
    await expectChallenge(cnPhone(3, 200), lonelyIp());
  });

  it("lets a warm range's hour take a third of the day's budget its verified history earned", async () => {
    // 60 codes verified over 12 hours (5 an hour): the day's budget is 0.3 x 60 = 18, and an
    // hour may take 18 / 3 = 6 unverified codes, one more than the range's hourly floor (5),
    // though the busiest verified hour (5) and this hour's verified codes earn less.
    for (let hour = 0; hour < 12; hour++) {
      const phones = Array.from({ length: 5 }, (_, i) => cnPhone(23, 1000 + hour * 5 + i));
      for (const phone of phones) await requestCode(app, phone, lonelyIp()).expect(202);
      await receiver.waitForCount(receiver.received.length);
      for (const phone of phones) {
        await verifyCode(app, phone, receiver.lastCodeFor(phone)).expect(200);
      }
      jest.setSystemTime(Date.now() + HOUR_MS);
    }
    for (let i = 0; i < 6; i++)
      await requestCode(app, cnPhone(23, 2000 + i), lonelyIp()).expect(202);
    await expectChallenge(cnPhone(23, 2100), lonelyIp());
  });

  it('budgets a client IP across destinations: the 6th unverified code of an hour', async () => {
    const ip = lonelyIp();
    for (let i = 0; i < 5; i++) await requestCode(app, cnPhone(4 + i, 1), ip).expect(202);
    await expectChallenge(cnPhone(10, 1), ip);
    await requestCode(app, cnPhone(10, 1), lonelyIp()).expect(202);
  });

  it('budgets a /24 across its addresses: the 16th unverified code of an hour', async () => {
    const ipIn24 = (i: number): string => `172.16.40.${i + 1}`;
    for (let i = 0; i < 15; i++) {
      await requestCode(app, cnPhone(i, 300 + i), ipIn24(i % 3)).expect(202);
    }
    await expectChallenge(cnPhone(20, 400), ipIn24(3));
    await requestCode(app, cnPhone(20, 400), '172.16.41.1').expect(202);
  });

  it('holds the budget against parallel attackers: exactly 3 of 20 parallel requests to one prefix pass', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => requestCode(app, cnPhone(21, 7), lonelyIp())),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([202, 202, 202, ...Array<number>(17).fill(403)]);
  });

  it('blocks with 429 FraudSuspected, captcha or not, an attack-sized volume to a never-verified prefix', async () => {
    // The day's floor for a prefix is 5 and the attack factor 3: past 15 unverified codes in
    // 24 hours, a prefix that never verified one is blocked. Solved captchas get the sends
    // past the hourly budget up to there.
    let blocked: { status: number; body: Record<string, unknown> } | undefined;
    for (let i = 0; i < 20 && !blocked; i++) {
      const ip = lonelyIp();
      const validateToken = await solveCaptcha(app, answers, ip);
      const response = await requestCode(app, cnPhone(22, 9), ip, { validateToken });
      if (response.status !== 202) blocked = response;
    }
    expect(blocked?.status).toBe(429);
    expect(blocked?.body).toMatchObject({ code: 'FraudSuspected' });
    expect(blocked?.body.retryAfter).toBeGreaterThan(0);
    expect(blocked?.body.retryAfter).toBeLessThanOrEqual(24 * 3600);
  });
});

describe('Fraud guard: modes, challenge by block, rules, countries', () => {
  const receiver = new WebhookReceiver();
  const started: TestApp[] = [];
  beforeAll(() => receiver.start());
  afterAll(async () => {
    await Promise.all(started.map((app) => app.close()));
    await receiver.stop();
  });
  afterEach(() => jest.useRealTimers());

  /** Started on the real clock (the OpenAPI document reads the real Date), then the clock is faked. */
  async function service(overrides: Record<string, string>): Promise<TestApp> {
    const app = await startTestApp({ ...receiver.settings, ...settings, ...overrides });
    started.push(app);
    fakeClock();
    freshWindow();
    return app;
  }

  it('answers 429 FraudSuspected with retryAfter when SMS_FRAUD_CHALLENGE=block', async () => {
    const app = await service({ SMS_FRAUD_CHALLENGE: 'block' });
    for (let i = 0; i < 3; i++) await requestCode(app, cnPhone(0, 50), lonelyIp()).expect(202);
    const refused = await requestCode(app, cnPhone(0, 50), lonelyIp()).expect(429);
    expect(refused.body.code).toBe('FraudSuspected');
    // The hourly budget trips: it lifts at the next hour (the clock is 10 minutes into one).
    expect(refused.body.retryAfter).toBe(50 * 60);
    expect(refused.headers['retry-after']).toBe(String(refused.body.retryAfter));
  });

  it('record mode lets every send through', async () => {
    const app = await service({ SMS_FRAUD_GUARD: 'record' });
    for (let i = 0; i < 8; i++) await requestCode(app, cnPhone(0, 60), lonelyIp()).expect(202);
  });

  it('off watches nothing', async () => {
    const app = await service({ SMS_FRAUD_GUARD: 'off' });
    for (let i = 0; i < 8; i++) await requestCode(app, cnPhone(0, 61), lonelyIp()).expect(202);
  });

  it('allow rules always pass: a network, a prefix, a number', async () => {
    const app = await service({ SMS_FRAUD_ALLOW: '192.0.2.0/24, +861300070, +8613100080001' });
    for (let i = 0; i < 6; i++) await requestCode(app, cnPhone(5, 70), '192.0.2.9').expect(202);
    for (let i = 0; i < 6; i++) {
      await requestCode(app, `+861300070${String(i).padStart(4, '0')}`, lonelyIp()).expect(202);
    }
    // A test number allowed by itself, in a prefix that is over its budget.
    for (let i = 0; i < 3; i++) {
      await requestCode(app, `+86131000800${i + 2}${i}`, lonelyIp()).expect(202);
    }
    await requestCode(app, '+8613100080001', lonelyIp()).expect(202);
    await requestCode(app, '+8613100080099', lonelyIp()).expect(403);
  });

  it('deny rules refuse a prefix and a country with 403 FraudDenied', async () => {
    const app = await service({ SMS_FRAUD_DENY: '+86170, GB', SMS_ALLOWED_REGIONS: 'CN,GB' });
    const prefix = await requestCode(app, '+8617012340001', lonelyIp()).expect(403);
    expect(prefix.body.code).toBe('FraudDenied');
    const country = await requestCode(app, '+447400123456', lonelyIp());
    expect(country.body.code).toBe('FraudDenied');
    await requestCode(app, cnPhone(13, 1), lonelyIp()).expect(202);
  });

  it('challenges an IP reaching a 4th country in 24 hours', async () => {
    const app = await service({ SMS_ALLOWED_REGIONS: '*' });
    const ip = lonelyIp();
    for (const phone of ['+8613812345678', '+447400123456', '+12015550123']) {
      await requestCode(app, phone, ip).expect(202);
    }
    const refused = await requestCode(app, '+33612345678', ip).expect(403);
    expect(refused.body).toMatchObject({ code: 'CaptchaRequired', reason: 'fraud_guard' });
  });

  it('sends to SMS_DEFAULT_REGION only unless SMS_ALLOWED_REGIONS opens more', async () => {
    const app = await service({});
    const refused = await requestCode(app, '+12015550199', lonelyIp()).expect(400);
    expect(refused.body.code).toBe('RegionNotAllowed');
  });
});
