import type { CaptchaWidget } from './providers/captcha-provider';

/**
 * When a request for an SMS code needs a validate token: `always`, `sometimes` (after a number
 * of captcha-free requests per client IP and day that is not disclosed, so that it cannot be
 * spent exactly), or `never`.
 */
export type SmsCaptchaPolicy = 'always' | 'sometimes' | 'never';

export const SMS_CAPTCHA_POLICIES: readonly SmsCaptchaPolicy[] = ['always', 'sometimes', 'never'];

/** What `GET /v1/captcha/config` tells a client: which captcha to draw, and when it is needed. */
export type CaptchaClientConfig = CaptchaWidget & { smsCaptcha: SmsCaptchaPolicy };

/** `SMS_REQUIRE_CAPTCHA` and `SMS_CAPTCHA_AFTER` as a client may know them. */
export function smsCaptchaPolicy(required: boolean, freeRequestsPerDay: number): SmsCaptchaPolicy {
  if (required) return 'always';
  return freeRequestsPerDay > 0 ? 'sometimes' : 'never';
}
