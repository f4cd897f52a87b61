import type { CaptchaProviderName } from '@app/config';

/** Where Cloudflare serves Turnstile's script and the frame its widget runs in. */
const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';

/**
 * Scripts and styles only from here; the captcha picture is a data: URL. With Turnstile, its
 * script and frame from Cloudflare too (the two sources Cloudflare documents), and only then:
 * a deployment without it lets the page load nothing from elsewhere.
 */
export function demoContentSecurityPolicy(captchaProvider: CaptchaProviderName): string {
  const turnstile = captchaProvider === 'turnstile' ? ` ${TURNSTILE_ORIGIN}` : '';
  return [
    "default-src 'none'",
    `script-src 'self'${turnstile}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    ...(turnstile ? [`frame-src${turnstile}`] : []),
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
