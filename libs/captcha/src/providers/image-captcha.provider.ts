import { Injectable } from '@nestjs/common';
import { InvalidParamError } from '@app/common';
import { CaptchaTextGenerator } from '../captcha-text.generator';
import { renderCaptchaPng } from '../image';
import { CaptchaTokenStore } from '../store/captcha-token.store';
import {
  CaptchaAttempt,
  CaptchaChallenge,
  CaptchaChallengeOptions,
  CaptchaProvider,
  CaptchaWidget,
} from './captcha-provider';

/** The built-in captcha: distorted characters drawn here, the answer kept only as an HMAC. */
@Injectable()
export class ImageCaptchaProvider implements CaptchaProvider {
  readonly name = 'image' as const;

  constructor(
    private readonly texts: CaptchaTextGenerator,
    private readonly store: CaptchaTokenStore,
  ) {}

  widget(): CaptchaWidget {
    return { provider: this.name };
  }

  async issue(options: CaptchaChallengeOptions): Promise<CaptchaChallenge> {
    const answer = this.texts.next(options.length);
    const png = renderCaptchaPng(answer, { width: options.width, height: options.height });
    const captchaToken = await this.store.saveChallenge(answer, options.ttlSeconds);
    return {
      captchaToken,
      image: { mimeType: 'image/png', data: png },
      expiresIn: options.ttlSeconds,
    };
  }

  async verify(attempt: CaptchaAttempt): Promise<boolean> {
    const answer = attempt.answer?.trim();
    if (!answer) {
      // Not an attempt: the challenge stays for the answer the client meant to send.
      throw new InvalidParamError('Invalid parameters: answer', [
        { field: 'answer', message: 'answer is required by the image captcha' },
      ]);
    }
    return this.store.takeChallenge(attempt.captchaToken, answer);
  }
}
