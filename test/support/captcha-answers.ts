import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CaptchaTextGenerator } from '@app/captcha';
import { TestApp } from './test-app';

/**
 * The answers of the captchas an app instance draws. The API never tells them (that is the
 * point), so the test watches the real generator through the DI container: a spy that calls
 * through, so the texts stay random and are drawn into real images. `nextWillBe` pins one text
 * when a test needs it known in advance.
 */
export class CaptchaAnswers {
  private readonly spy: jest.SpyInstance<string, [length?: number]>;

  constructor(app: NestFastifyApplication) {
    this.spy = jest.spyOn(app.get(CaptchaTextGenerator), 'next');
  }

  /** The answer of the latest captcha drawn. */
  get last(): string {
    const results = this.spy.mock.results;
    const latest = results[results.length - 1];
    if (latest?.type !== 'return') throw new Error('No captcha was drawn yet');
    return latest.value;
  }

  /** The next captcha shows `text` (characters of CAPTCHA_ALPHABET). */
  nextWillBe(text: string): void {
    this.spy.mockReturnValueOnce(text);
  }

  /** Some answer other than the latest, for wrong tries. */
  get wrong(): string {
    return this.last === 'AAAA' ? 'CCCC' : 'AAAA';
  }
}

/** A captcha solved over HTTP: its validate token. */
export async function solveCaptcha(
  service: TestApp,
  answers: CaptchaAnswers,
  ip?: string,
): Promise<string> {
  const withIp = <T extends { set(name: string, value: string): T }>(test: T): T =>
    ip ? test.set('X-Forwarded-For', ip) : test;
  const issued = await withIp(service.http().post('/v1/captcha')).expect(201);
  const verified = await withIp(service.http().post('/v1/captcha/verify'))
    .send({ captchaToken: issued.body.captchaToken, answer: answers.last })
    .expect(200);
  return verified.body.validateToken as string;
}
