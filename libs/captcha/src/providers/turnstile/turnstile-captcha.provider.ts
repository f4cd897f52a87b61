import { Logger } from '@nestjs/common';
import { deadline } from '@app/common';
import { CaptchaHostedError, CaptchaUnavailableError } from '../../captcha.errors';
import {
  CaptchaAttempt,
  CaptchaChallenge,
  CaptchaProvider,
  CaptchaWidget,
} from '../captcha-provider';
import { interpretSiteverify } from './siteverify-outcome';
import { refusalReason, TokenExpectations } from './token-expectations';

export interface TurnstileSettings {
  secretKey: string;
  /** Public: clients render the widget with it. */
  siteKey: string;
  verifyUrl: string;
  timeoutMs: number;
  expected: TokenExpectations;
}

/**
 * Cloudflare Turnstile: the widget in the client yields a token, which we check once with
 * siteverify (form POST of `secret`, `response`, `remoteip`). Fails closed: no answer, a slow
 * one or an unreadable one lets nothing through.
 */
export class TurnstileCaptchaProvider implements CaptchaProvider {
  readonly name = 'turnstile' as const;
  private readonly logger = new Logger(TurnstileCaptchaProvider.name);

  constructor(private readonly settings: TurnstileSettings) {}

  issue(): Promise<CaptchaChallenge> {
    return Promise.reject(new CaptchaHostedError(this.name));
  }

  widget(): CaptchaWidget {
    return {
      provider: this.name,
      siteKey: this.settings.siteKey,
      action: this.settings.expected.action,
    };
  }

  async verify(attempt: CaptchaAttempt): Promise<boolean> {
    const { status, text } = await this.callSiteverify(attempt);
    const outcome = interpretSiteverify(status, text);
    switch (outcome.kind) {
      case 'solved': {
        const reason = refusalReason(outcome.claims, this.settings.expected);
        // A warning: a mismatch is an attack or a site key shared with a page left out of the list.
        if (reason) this.logger.warn(`Turnstile token refused: ${reason}`);
        return reason === undefined;
      }
      case 'refused':
        this.logger.debug(
          `Turnstile refused a token: ${outcome.errorCodes.join(', ') || 'no code'}`,
        );
        return false;
      case 'unavailable':
        this.logger.error(`Turnstile siteverify unusable: ${outcome.reason}`);
        throw new CaptchaUnavailableError();
    }
  }

  private async callSiteverify(attempt: CaptchaAttempt): Promise<{ status: number; text: string }> {
    const form = new URLSearchParams({
      secret: this.settings.secretKey,
      response: attempt.captchaToken,
      remoteip: attempt.clientIp,
    });
    const bound = deadline(this.settings.timeoutMs);
    try {
      const response = await fetch(this.settings.verifyUrl, {
        method: 'POST',
        body: form,
        signal: bound.signal,
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      this.logger.warn(`Turnstile siteverify unreachable: ${describeFailure(error)}`);
      throw new CaptchaUnavailableError();
    } finally {
      bound.settle();
    }
  }
}

/** A timeout, or undici's `fetch failed` with the socket error's code as its cause. */
function describeFailure(error: unknown): string {
  // Read without `instanceof`: undici's errors may come from another realm (Jest's vm).
  if (property(error, 'name') === 'TimeoutError') return 'timeout';
  const code = property(property(error, 'cause'), 'code');
  return typeof code === 'string' ? code : 'network error';
}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}
