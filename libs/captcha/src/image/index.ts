export {
  CAPTCHA_ALPHABET,
  CAPTCHA_DEFAULT_TEXT_LENGTH,
  CAPTCHA_MAX_TEXT_LENGTH,
  randomCaptchaText,
} from './captcha-alphabet';
export { type CaptchaImageOptions, renderCaptchaPng } from './captcha-image';
export {
  CAPTCHA_DEFAULT_HEIGHT,
  CAPTCHA_DEFAULT_WIDTH,
  CAPTCHA_MAX_HEIGHT,
  CAPTCHA_MAX_WIDTH,
  CAPTCHA_MIN_HEIGHT,
  CAPTCHA_MIN_WIDTH,
  isCaptchaSizeAllowed,
} from './captcha-size';
