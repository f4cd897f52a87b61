import { Injectable } from '@nestjs/common';
import { CAPTCHA_DEFAULT_TEXT_LENGTH, randomCaptchaText } from './image';

/**
 * Chooses the text an image captcha shows (and so its answer), from `crypto.randomInt`.
 * A provider of its own so the e2e suites can observe the answer through the DI container,
 * the one place it exists outside the image.
 */
@Injectable()
export class CaptchaTextGenerator {
  next(length = CAPTCHA_DEFAULT_TEXT_LENGTH): string {
    return randomCaptchaText(length);
  }
}
