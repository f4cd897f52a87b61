import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { asciiDigits, TooManyRequestsError } from '@app/common';
import { AppConfigService } from '@app/config';
import {
  CodeChannel,
  CodeDelivery,
  ConversionReporter,
  DeliveryResult,
  readCallerVariables,
  SmsMessageRecorder,
  SmsPurpose,
  TestPhoneNumbers,
} from '@app/delivery';
import { Metrics } from '@app/metrics';
import type { PendingWindowHit } from '@app/redis';
import { NormalizedPhone, PhoneNormalizer } from '@app/phone';
import {
  CodeRequestContext,
  SmsSendCheck,
  SmsSendChecks,
  VerificationRecipient,
} from './send-checks';
import { MissingCodeError } from './code.errors';
import { SmsCodeStore } from './store/sms-code.store';
import { generateCode } from './store/verification-code';

export interface CodeRequest {
  phone: string;
  purpose: SmsPurpose;
  /** What carries the code: an SMS (the default) or a call that reads it out. */
  channel?: CodeChannel;
  clientIp: string;
  actor: CodeRequestContext['actor'];
  validateToken?: string;
  recipient?: VerificationRecipient;
  /** Template locale (`zh-CN`, `en`); else from the phone's region, else SMS_DEFAULT_LOCALE. */
  locale?: string;
  /** A verification template by name; else the approved one for the purpose. */
  template?: string;
  /** A signature by name; else the default one. */
  signature?: string;
  /** Caller variables for the template: plain strings (`readCallerVariables` checks them). */
  variables?: Readonly<Record<string, unknown>>;
  /**
   * Rules of this request only (a route stricter than its purpose's usual rule), run after
   * the registered checks, so after the captcha too.
   */
  checks?: readonly SmsSendCheck[];
}

export interface CodeSent {
  phone: NormalizedPhone;
  /** Seconds the code stays valid. */
  expiresIn: number;
  /** Seconds until another code may be sent to this phone. */
  retryAfter: number;
}

/** The channel label of a verification that found no code to look at. */
const NO_CODE_CHANNEL = 'none';

/**
 * The SMS module's public service: send a verification code for a purpose, and
 * verify one. Other modules use only this.
 */
@Injectable()
export class SmsCodeService {
  private readonly codeLength: number;

  constructor(
    private readonly phones: PhoneNormalizer,
    private readonly store: SmsCodeStore,
    private readonly delivery: CodeDelivery,
    private readonly checks: SmsSendChecks,
    private readonly testNumbers: TestPhoneNumbers,
    private readonly recorder: SmsMessageRecorder,
    private readonly conversions: ConversionReporter,
    private readonly metrics: Metrics,
    config: AppConfigService,
  ) {
    this.codeLength = config.get('SMS_CODE_LENGTH');
  }

  /** Parses and checks a phone number against the service's regions. */
  normalizePhone(phone: string): NormalizedPhone {
    return this.phones.normalize(phone);
  }

  /**
   * Chooses and renders the template before any limit is counted, so a bad request costs the
   * phone nothing; then reserves the code (limits) and sends it. Test numbers get their fixed
   * code and no SMS.
   */
  sendCode(request: CodeRequest): Promise<CodeSent> {
    return this.metrics.codeSend(request.channel ?? 'sms', () => this.send(request));
  }

  private async send(request: CodeRequest): Promise<CodeSent> {
    const phone = this.normalizePhone(request.phone);
    const planned = await this.delivery.plan({
      phone,
      purpose: request.purpose,
      channel: request.channel,
      locale: request.locale,
      template: request.template,
      signature: request.signature,
      variables: readCallerVariables(request.variables),
    });
    const { checks, ...rest } = request;
    const context: CodeRequestContext = { ...rest, phone };
    await this.checks.runAll(context);
    for (const check of checks ?? []) await check.check(context);

    const code = this.testNumbers.codeFor(phone.e164) ?? generateCode(this.codeLength);
    const id = randomUUID();
    const channel = request.channel ?? 'sms';
    const reservation = await this.store.reserve(
      {
        phone: phone.e164,
        purpose: request.purpose,
        clientIp: request.clientIp,
        messageId: id,
        channel,
        region: phone.region,
        captchaSolved: context.captchaSolved === true,
      },
      code,
    );
    let result: DeliveryResult;
    try {
      result = await this.delivery.deliver(planned, {
        id,
        code,
        ttlMinutes: this.store.codeTtlSeconds / 60,
        expiresAt: Date.now() + this.store.codeTtlSeconds * 1000,
        clientIp: request.clientIp,
      });
    } catch (error) {
      await this.store.release(reservation);
      throw error;
    }
    if ('unsent' in result) {
      // A code that may have gone out counts like a sent one (limits, resend interval) and
      // stays verifiable; only a message surely not sent gives its reservation back.
      if (!result.unsent.maybeSent) await this.store.release(reservation);
      throw result.unsent.error;
    }
    return {
      phone,
      expiresIn: this.store.codeTtlSeconds,
      retryAfter: this.store.resendIntervalSeconds(channel),
    };
  }

  /**
   * Checks a code without using it: for a request that will be refused whatever the code,
   * so a wrong code is told first and a right one stays usable. Wrong tries count as in
   * `verifyCode`, so checking is no way around the attempt limit.
   */
  async checkCode(input: { phone: string; purpose: SmsPurpose; code?: string }): Promise<void> {
    const phone = this.normalizePhone(input.phone);
    await this.store.check(phone.e164, [input.purpose], readCode(input.code));
  }

  /**
   * Verifies and consumes a code; throws `CodeIsError`, `CodeHasExpired`, ... otherwise. One
   * Redis round trip; the message is marked verified (for statistics) after the answer.
   * With a list of purposes, a code sent for any of them verifies, once, in that same step.
   */
  async verifyCode(input: {
    phone: string;
    purpose: SmsPurpose | readonly SmsPurpose[];
    code?: string;
    /** The request's per-IP throttle hit, for the verify script to count (@ThrottledInScript). */
    clientHit?: PendingWindowHit;
  }): Promise<NormalizedPhone> {
    // Counted under the channel that carried the code the answer is about.
    let channel: string = NO_CODE_CHANNEL;
    try {
      const phone = this.normalizePhone(input.phone);
      const code = readCode(input.code);
      const purposes = typeof input.purpose === 'string' ? [input.purpose] : input.purpose;
      if (purposes.length === 0) throw new Error('verifyCode needs at least one purpose');
      const verification = await this.store.verify(phone.e164, purposes, code, input.clientHit);
      channel = verification.channel ?? NO_CODE_CHANNEL;
      if (verification.refusal) throw verification.refusal;
      if (verification.messageId) {
        const verifiedAt = new Date();
        this.recorder.markVerifiedLater(verification.messageId, verifiedAt);
        // Queued, not awaited: the answer never waits for the provider (or for Redis).
        this.conversions.reportLater(verification.messageId, verifiedAt);
      }
      this.metrics.codeVerified(channel);
      return phone;
    } catch (error) {
      // A client past its per-IP limit was refused before any verify, as the guard refuses it.
      if (!(error instanceof TooManyRequestsError)) this.metrics.codeVerifyFailed(channel, error);
      throw error;
    }
  }
}

/** The code as typed: trimmed, and in another script's digits (a fullwidth keyboard) the same. */
function readCode(code: string | undefined): string {
  const typed = code === undefined ? '' : asciiDigits(code.trim());
  if (!typed) throw new MissingCodeError();
  return typed;
}
