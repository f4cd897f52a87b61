import type { CaptchaProviderName } from '@app/config';

/** The Nest token of the deployment's one `CaptchaProvider`. */
export const CAPTCHA_PROVIDER = Symbol('CAPTCHA_PROVIDER');

export interface CaptchaImage {
  mimeType: 'image/png';
  data: Buffer;
}

/** A challenge drawn on the server: the client shows the image and sends back the answer. */
export interface CaptchaChallenge {
  captchaToken: string;
  image: CaptchaImage;
  /** Seconds the challenge may be answered in. */
  expiresIn: number;
}

export interface CaptchaChallengeOptions {
  width: number;
  height: number;
  /** Characters to show. */
  length: number;
  ttlSeconds: number;
}

export interface CaptchaAttempt {
  /** Ours for the image captcha; the widget's response token for a hosted one. */
  captchaToken: string;
  /** What the user read from the image; hosted captchas have none. */
  answer?: string;
  clientIp: string;
}

/** What a client needs to draw the deployment's captcha (never a secret). */
export type CaptchaWidget =
  | { provider: 'image' }
  /** `action`: render the widget with it, as the service checks it. */
  | { provider: 'turnstile'; siteKey: string; action?: string };

/**
 * Where a captcha comes from: drawn here (`image`) or by a hosted service whose widget runs
 * in the client (Cloudflare Turnstile; hCaptcha or Tencent Captcha would be further adapters).
 */
export interface CaptchaProvider {
  readonly name: CaptchaProviderName;
  /** What a client draws: our image, or the hosted widget with its public settings. */
  widget(): CaptchaWidget;
  /** Draws a challenge. A hosted provider throws `CaptchaHostedError`: its widget draws one. */
  issue(options: CaptchaChallengeOptions): Promise<CaptchaChallenge>;
  /**
   * One attempt at a challenge, which it spends whether right or wrong: true when solved.
   * Throws `CaptchaUnavailableError` when a hosted provider cannot be asked.
   */
  verify(attempt: CaptchaAttempt): Promise<boolean>;
}
