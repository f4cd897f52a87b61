export {
  CaptchaHostedError,
  CaptchaInvalidError,
  CaptchaRequiredError,
  CaptchaUnavailableError,
} from './captcha.errors';
export { CaptchaModule } from './captcha.module';
export type { IssueCaptchaOptions } from './captcha-options';
export { CaptchaService } from './captcha.service';
export type { ValidateTokenIssued } from './captcha.service';
export { CaptchaTextGenerator } from './captcha-text.generator';
export { CaptchaRateLimited, CaptchaRateLimitGuard } from './limits/captcha-rate-limit.guard';
export { CAPTCHA_ALPHABET } from './image';
export type { CaptchaAttempt, CaptchaChallenge, CaptchaImage } from './providers/captcha-provider';
