import { randomInt } from 'node:crypto';

/**
 * Upper-case letters and digits that stay distinct when rotated, warped and crossed by noise.
 * Left out: 0 O Q D (round shapes), 1 I, 2 Z, 5 S, 8 B, U V, G (reads as 6 or C) and F (a noise
 * line along its foot makes it an E). Answers are compared case-insensitively, so one case only.
 */
export const CAPTCHA_ALPHABET = 'ACEHJKLMNPRTWXY34679';

export const CAPTCHA_DEFAULT_TEXT_LENGTH = 4;
/** Longer texts no longer fit legibly in the smallest image. */
export const CAPTCHA_MAX_TEXT_LENGTH = 8;

export function randomCaptchaText(length = CAPTCHA_DEFAULT_TEXT_LENGTH): string {
  if (!Number.isInteger(length) || length < 1 || length > CAPTCHA_MAX_TEXT_LENGTH) {
    throw new RangeError(`Captcha length must be an integer in 1..${CAPTCHA_MAX_TEXT_LENGTH}`);
  }
  let text = '';
  for (let i = 0; i < length; i++) {
    text += CAPTCHA_ALPHABET[randomInt(CAPTCHA_ALPHABET.length)];
  }
  return text;
}
