import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { CodeRequestContext, SmsSendCheck, SmsSendChecks } from '@app/codes';
import { CaptchaRequiredError } from '../captcha.errors';
import { CaptchaService } from '../captcha.service';
import { FreeRequestStore } from './free-request.store';

/** Runs before the account rules (order 100): no captcha, no further work. */
export const SMS_CAPTCHA_CHECK_ORDER = 10;

/**
 * The captcha gate before a code is sent.
 * - A request that carries a validate token spends it, whatever the mode; an unknown, used or
 *   expired one is `CaptchaInvalid`. So a client's bad token shows at once, not only when the
 *   adaptive limit is reached, and a solved captcha buys exactly one request.
 * - Without one: `SMS_REQUIRE_CAPTCHA` refuses with `CaptchaRequired`; `SMS_CAPTCHA_AFTER=N`
 *   lets the first N such requests of a client IP per UTC day through and refuses the rest.
 */
@Injectable()
export class SmsCaptchaCheck implements SmsSendCheck, OnModuleInit {
  private readonly alwaysRequired: boolean;
  private readonly freeRequestsPerDay: number;

  constructor(
    private readonly captcha: CaptchaService,
    private readonly freeRequests: FreeRequestStore,
    private readonly checks: SmsSendChecks,
    config: AppConfigService,
  ) {
    this.alwaysRequired = config.get('SMS_REQUIRE_CAPTCHA');
    this.freeRequestsPerDay = config.get('SMS_CAPTCHA_AFTER');
  }

  onModuleInit(): void {
    this.checks.register(this, SMS_CAPTCHA_CHECK_ORDER);
  }

  async check(request: CodeRequestContext): Promise<void> {
    const validateToken = request.validateToken?.trim();
    if (validateToken) {
      await this.captcha.consumeValidateToken(validateToken);
      request.captchaSolved = true;
      return;
    }
    if (this.alwaysRequired) throw new CaptchaRequiredError();
    if (this.freeRequestsPerDay === 0) return;
    const count = await this.freeRequests.countRequest(request.clientIp);
    if (count > this.freeRequestsPerDay) throw new CaptchaRequiredError();
  }
}
