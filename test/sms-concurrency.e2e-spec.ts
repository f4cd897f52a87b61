import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

describe('Verification codes under concurrency', () => {
  const receiver = new WebhookReceiver();
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    await receiver.start();
    first = await startTestApp(receiver.settings);
    // A second instance on the same Redis: the two must behave as one service.
    second = await startTestApp({
      ...receiver.settings,
      REDIS_KEY_PREFIX: first.settings.REDIS_KEY_PREFIX,
    });
  });

  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    await receiver.stop();
  });

  const instance = (i: number): TestApp => (i % 2 === 0 ? first : second);

  it('verifies the right code exactly once among 20 parallel verifies', async () => {
    const phone = uniqueCnPhone();
    await first.http().post('/v1/sms/codes').send({ phone }).expect(202);
    const code = receiver.lastCodeFor(phone);

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        instance(i).http().post('/v1/sms/codes/verify').send({ phone, code }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 400).map((r) => r.body.code)).toEqual(
      Array.from({ length: 19 }, () => 'CodeHasValid'),
    );
  });

  it('sends exactly one SMS for 20 parallel requests for one phone', async () => {
    const phone = uniqueCnPhone();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        instance(i).http().post('/v1/sms/codes').send({ phone }),
      ),
    );
    expect(responses.filter((r) => r.status === 202)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 429).map((r) => r.body.code)).toEqual(
      Array.from({ length: 19 }, () => 'TooFrequent'),
    );
    expect(receiver.messagesTo(phone)).toHaveLength(1);
  });

  it('counts wrong tries exactly under parallel guessing', async () => {
    const limited = await startTestApp({
      ...receiver.settings,
      SMS_CODE_MAX_ATTEMPTS: '5',
      REDIS_KEY_PREFIX: first.settings.REDIS_KEY_PREFIX,
    });
    try {
      const phone = uniqueCnPhone();
      await limited.http().post('/v1/sms/codes').send({ phone }).expect(202);
      const code = receiver.lastCodeFor(phone);
      const guesses = Array.from({ length: 20 }, (_, i) => String(i).padStart(6, '0')).filter(
        (guess) => guess !== code,
      );
      await Promise.all(
        guesses.map((guess) =>
          limited.http().post('/v1/sms/codes/verify').send({ phone, code: guess }).expect(400),
        ),
      );
      // Five wrong tries killed the code: the right one no longer works.
      const late = await limited.http().post('/v1/sms/codes/verify').send({ phone, code });
      expect(late.body.code).toBe('CodeHasValid');
    } finally {
      await limited.close();
    }
  });
});
