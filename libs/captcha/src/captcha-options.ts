import { FieldError, InvalidParamError } from '@app/common';
import {
  CAPTCHA_DEFAULT_HEIGHT,
  CAPTCHA_DEFAULT_TEXT_LENGTH,
  CAPTCHA_DEFAULT_WIDTH,
  CAPTCHA_MAX_HEIGHT,
  CAPTCHA_MAX_TEXT_LENGTH,
  CAPTCHA_MAX_WIDTH,
  CAPTCHA_MIN_HEIGHT,
  CAPTCHA_MIN_WIDTH,
} from './image';
import { CaptchaChallengeOptions } from './providers/captcha-provider';

export interface IssueCaptchaOptions {
  /** Pixels; `CAPTCHA_DEFAULT_WIDTH` when absent. */
  width?: number;
  height?: number;
  /** Characters to show, 1..`CAPTCHA_MAX_TEXT_LENGTH` (LeanCloud's `size` is 3..6). */
  length?: number;
  /** Seconds to answer in; `CAPTCHA_TTL_SECONDS` when absent (LeanCloud's `ttl` is 10..180). */
  ttlSeconds?: number;
}

export const CAPTCHA_MAX_TTL_SECONDS = 600;

const bounds: Record<keyof CaptchaChallengeOptions, [number, number]> = {
  width: [CAPTCHA_MIN_WIDTH, CAPTCHA_MAX_WIDTH],
  height: [CAPTCHA_MIN_HEIGHT, CAPTCHA_MAX_HEIGHT],
  length: [1, CAPTCHA_MAX_TEXT_LENGTH],
  ttlSeconds: [1, CAPTCHA_MAX_TTL_SECONDS],
};

/**
 * Fills the defaults and checks the bounds, for callers other than our HTTP route too (the
 * LeanCloud layer): out of bounds is `InValidParam` with one entry per field, never a 500.
 */
export function resolveCaptchaOptions(
  options: IssueCaptchaOptions,
  defaultTtlSeconds: number,
): CaptchaChallengeOptions {
  const resolved: CaptchaChallengeOptions = {
    width: options.width ?? CAPTCHA_DEFAULT_WIDTH,
    height: options.height ?? CAPTCHA_DEFAULT_HEIGHT,
    length: options.length ?? CAPTCHA_DEFAULT_TEXT_LENGTH,
    ttlSeconds: options.ttlSeconds ?? defaultTtlSeconds,
  };
  const errors: FieldError[] = [];
  for (const field of Object.keys(bounds) as Array<keyof CaptchaChallengeOptions>) {
    const [min, max] = bounds[field];
    const value = resolved[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      errors.push({ field, message: `${field} must be an integer in ${min}..${max}` });
    }
  }
  if (errors.length > 0) {
    const fields = errors.map((error) => error.field).join(', ');
    throw new InvalidParamError(`Invalid parameters: ${fields}`, errors);
  }
  return resolved;
}
