import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/common';
import type { NormalizedPhone } from '@app/phone';
import type { SmsPurpose } from '@app/delivery';

/** What a check sees of a request for a code. */
export interface CodeRequestContext {
  phone: NormalizedPhone;
  purpose: SmsPurpose;
  clientIp: string;
  /** Who asks, as the edge read it: the checks that need the caller's session resolve it. */
  actor: Actor;
  /** A captcha validate token, when the client sent one. */
  validateToken?: string;
  /** Whose phone a `verify_phone` code is for (see `VerificationRecipient`). */
  recipient?: VerificationRecipient;
  /** Set by the captcha check once it accepted this request's token: the fraud guard's step-up. */
  captchaSolved?: boolean;
}

/**
 * `signed-in-user` (the default): the caller's own phone, by the session of `actor`.
 * `phone-account`: the account that has this phone, whoever asks (LeanCloud's
 * `requestMobilePhoneVerify` without a session); the code goes to that phone, so only the
 * phone's holder can use it.
 */
export type VerificationRecipient = 'signed-in-user' | 'phone-account';

/**
 * A rule another module enforces before a code is sent (a captcha, an account
 * rule for the purpose). It throws a domain error to refuse.
 */
export interface SmsSendCheck {
  check(request: CodeRequestContext): Promise<void>;
}

/**
 * Where other modules plug their checks in, so the SMS module needs no
 * knowledge of them. Lower `order` runs first.
 */
@Injectable()
export class SmsSendChecks {
  private checks: Array<{ order: number; check: SmsSendCheck }> = [];

  register(check: SmsSendCheck, order = 100): void {
    this.checks = [...this.checks, { order, check }].sort((a, b) => a.order - b.order);
  }

  async runAll(request: CodeRequestContext): Promise<void> {
    for (const { check } of this.checks) await check.check(request);
  }
}
