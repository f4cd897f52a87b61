import { Inject, Injectable } from '@nestjs/common';
import { AppConfigService, CaptchaProviderName } from '@app/config';
import { Metrics } from '@app/metrics';
import { CaptchaInvalidError } from './captcha.errors';
import { CaptchaClientConfig, SmsCaptchaPolicy, smsCaptchaPolicy } from './captcha-client-config';
import { IssueCaptchaOptions, resolveCaptchaOptions } from './captcha-options';
import {
  CAPTCHA_PROVIDER,
  CaptchaAttempt,
  CaptchaChallenge,
  CaptchaProvider,
} from './providers/captcha-provider';
import { CaptchaTokenStore } from './store/captcha-token.store';

export interface ValidateTokenIssued {
  /** Good for exactly one request for a code. */
  validateToken: string;
  /** Seconds the validate token stays good. */
  expiresIn: number;
}

/**
 * The captcha module's public service, shaped for both our API and LeanCloud's
 * (`requestCaptcha` → issue, `verifyCaptcha` → verify, `validate_token` → consumeValidateToken).
 */
@Injectable()
export class CaptchaService {
  private readonly challengeTtlSeconds: number;
  private readonly validateTtlSeconds: number;
  private readonly smsCaptcha: SmsCaptchaPolicy;

  constructor(
    @Inject(CAPTCHA_PROVIDER) private readonly provider: CaptchaProvider,
    private readonly tokens: CaptchaTokenStore,
    private readonly metrics: Metrics,
    config: AppConfigService,
  ) {
    this.challengeTtlSeconds = config.get('CAPTCHA_TTL_SECONDS');
    this.validateTtlSeconds = config.get('CAPTCHA_VALIDATE_TTL_SECONDS');
    this.smsCaptcha = smsCaptchaPolicy(
      config.get('SMS_REQUIRE_CAPTCHA'),
      config.get('SMS_CAPTCHA_AFTER'),
    );
  }

  /** Which captcha a client draws and when a code needs it; public settings only. */
  clientConfig(): CaptchaClientConfig {
    return { ...this.provider.widget(), smsCaptcha: this.smsCaptcha };
  }

  get providerName(): CaptchaProviderName {
    return this.provider.name;
  }

  /** Draws a challenge; `CaptchaHostedError` when the provider is hosted. */
  async issue(options: IssueCaptchaOptions = {}): Promise<CaptchaChallenge> {
    const challenge = await this.provider.issue(
      resolveCaptchaOptions(options, this.challengeTtlSeconds),
    );
    this.metrics.captchaDrawn(this.provider.name);
    return challenge;
  }

  /** One attempt at a challenge; on success, a one-shot validate token. */
  async verify(attempt: CaptchaAttempt): Promise<ValidateTokenIssued> {
    const right = await this.provider.verify(attempt);
    this.metrics.captchaAnswered(this.provider.name, right);
    if (!right) throw new CaptchaInvalidError();
    return {
      validateToken: await this.tokens.issueValidateToken(this.validateTtlSeconds),
      expiresIn: this.validateTtlSeconds,
    };
  }

  /** Spends a validate token; `CaptchaInvalidError` when it is unknown, used or expired. */
  async consumeValidateToken(validateToken: string): Promise<void> {
    if (!(await this.tokens.consumeValidateToken(validateToken))) {
      throw new CaptchaInvalidError('The validate token is unknown, used or expired');
    }
  }
}
