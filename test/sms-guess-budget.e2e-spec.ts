import type { Response } from 'supertest';
import { fakeClock } from './support/clock';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Six-digit guesses, none of them `code`. */
function wrongGuesses(code: string, count: number): string[] {
  const guesses: string[] = [];
  for (let n = 0; guesses.length < count; n++) {
    const guess = String(n).padStart(6, '0');
    if (guess !== code) guesses.push(guess);
  }
  return guesses;
}

/** Noon (UTC) of the day the run is in: far from a day change, whenever the suite runs. */
function todayNoonUtc(): number {
  return Math.floor(Date.now() / DAY_MS) * DAY_MS + DAY_MS / 2;
}

/**
 * SMS_CODE_DAILY_WRONG_LIMIT: a phone's wrong guesses of a UTC day, across its codes and
 * purposes, are limited; once they are spent, every code of the phone is refused with 429
 * TooManyAttempts until the day ends, the right one too.
 */
describe('Verification codes: the daily budget of wrong guesses per phone', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({
      ...receiver.settings,
      SMS_CODE_DAILY_WRONG_LIMIT: '3',
      SMS_CODE_MAX_ATTEMPTS: '5',
      SMS_RESEND_INTERVAL_SECONDS: '0',
    });
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  afterEach(() => jest.useRealTimers());

  const requestCode = (app: TestApp, body: object) =>
    app.http().post('/v1/sms/codes').send(body).expect(202);
  const verify = (app: TestApp, body: object) => app.http().post('/v1/sms/codes/verify').send(body);

  function expectBudgetSpent(response: Response, retryAfterSeconds: number): void {
    expect(response.status).toBe(429);
    expect(response.body).toEqual({
      statusCode: 429,
      code: 'TooManyAttempts',
      message: expect.any(String),
      retryAfter: retryAfterSeconds,
    });
    expect(response.headers['retry-after']).toBe(String(retryAfterSeconds));
  }

  it('is spent by wrong guesses across purposes and new codes; then the right code is 429 until the UTC day ends', async () => {
    fakeClock();
    jest.setSystemTime(todayNoonUtc());
    const phone = uniqueCnPhone();

    await requestCode(service, { phone });
    const [firstWrong] = wrongGuesses(receiver.lastCodeFor(phone), 1);
    expect((await verify(service, { phone, code: firstWrong })).body.code).toBe('CodeIsError');

    await requestCode(service, { phone, purpose: 'signup' });
    const signup = receiver.lastCodeFor(phone);
    const [secondWrong] = wrongGuesses(signup, 1);
    const wrongSignUp = await verify(service, { phone, purpose: 'signup', code: secondWrong });
    expect(wrongSignUp.body.code).toBe('CodeIsError');

    // A new code for the first purpose: its tries start again, the phone's budget does not.
    await requestCode(service, { phone });
    const operation = receiver.lastCodeFor(phone);
    const [thirdWrong] = wrongGuesses(operation, 1);
    expect((await verify(service, { phone, code: thirdWrong })).body.code).toBe('CodeIsError');

    // Both codes are live with one wrong try each, far from SMS_CODE_MAX_ATTEMPTS; still refused.
    expectBudgetSpent(await verify(service, { phone, code: operation }), DAY_MS / 2 / 1000);
    expectBudgetSpent(
      await verify(service, { phone, purpose: 'signup', code: signup }),
      DAY_MS / 2 / 1000,
    );

    // Refused, not used: the answer stays the same, and another phone is not concerned.
    jest.setSystemTime(todayNoonUtc() + DAY_MS / 2 - 1500);
    expectBudgetSpent(await verify(service, { phone, code: operation }), 2);
    const other = uniqueCnPhone();
    await requestCode(service, { phone: other });
    await verify(service, { phone: other, code: receiver.lastCodeFor(other) }).expect(200);
  });

  it('counts neither a right code nor a try when the phone has no live code', async () => {
    const phone = uniqueCnPhone();
    for (const code of ['123456', '654321', '111111', '222222']) {
      expect((await verify(service, { phone, code })).body.code).toBe('CodeIsError');
    }
    await requestCode(service, { phone });
    await verify(service, { phone, code: receiver.lastCodeFor(phone) }).expect(200);
    await requestCode(service, { phone });
    const code = receiver.lastCodeFor(phone);
    for (const guess of wrongGuesses(code, 2)) {
      expect((await verify(service, { phone, code: guess })).body.code).toBe('CodeIsError');
    }
    // Two wrong guesses of three: the right code still verifies.
    await verify(service, { phone, code }).expect(200);
  });

  it('starts again when the next UTC day begins', async () => {
    fakeClock();
    jest.setSystemTime(todayNoonUtc());
    const phone = uniqueCnPhone();
    await requestCode(service, { phone });
    const code = receiver.lastCodeFor(phone);
    for (const guess of wrongGuesses(code, 3)) {
      expect((await verify(service, { phone, code: guess })).body.code).toBe('CodeIsError');
    }
    expectBudgetSpent(await verify(service, { phone, code }), DAY_MS / 2 / 1000);

    jest.setSystemTime(todayNoonUtc() + DAY_MS / 2);
    await requestCode(service, { phone });
    const nextDay = receiver.lastCodeFor(phone);
    // A whole budget again: three wrong guesses, then the fourth try is refused.
    for (const guess of wrongGuesses(nextDay, 3)) {
      expect((await verify(service, { phone, code: guess })).body.code).toBe('CodeIsError');
    }
    expectBudgetSpent(await verify(service, { phone, code: nextDay }), DAY_MS / 1000);
  });

  it('does not overshoot under parallel guessing on two instances: 20 wrong tries, limit 15', async () => {
    const settings = {
      ...receiver.settings,
      SMS_CODE_DAILY_WRONG_LIMIT: '15',
      // One code takes all twenty guesses, so only the daily budget stops them.
      SMS_CODE_MAX_ATTEMPTS: '20',
    };
    const first = await startTestApp(settings);
    const second = await startTestApp({
      ...settings,
      REDIS_KEY_PREFIX: first.settings.REDIS_KEY_PREFIX,
    });
    try {
      const phone = uniqueCnPhone();
      await requestCode(first, { phone });
      const code = receiver.lastCodeFor(phone);
      const answers = await Promise.all(
        wrongGuesses(code, 20).map((guess, i) =>
          verify(i % 2 === 0 ? first : second, { phone, code: guess }),
        ),
      );
      const codes = answers.map((answer) => answer.body.code as string);
      expect(codes.filter((answer) => answer === 'CodeIsError')).toHaveLength(15);
      expect(codes.filter((answer) => answer === 'TooManyAttempts')).toHaveLength(5);
      expect((await verify(second, { phone, code })).body.code).toBe('TooManyAttempts');
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
