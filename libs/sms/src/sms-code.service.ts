import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfigService } from '@app/config';
import { SmsCodeStore } from './codes/sms-code.store';
import { generateCode } from './codes/verification-code';
import { NormalizedPhone, normalizePhone, PhonePolicy } from './phone/phone-number';
import { CodeRequestContext, SmsSendChecks } from './send-checks';
import { maskCode, renderDefaultVerificationMessage } from './sending/default-template';
import { SmsSender } from './sending/sms-sender.service';
import { MissingCodeError } from './sms.errors';
import { SmsPurpose } from './sms-purpose';

export interface CodeRequest {
  phone: string;
  purpose: SmsPurpose;
  clientIp: string;
  authorization?: string;
  validateToken?: string;
}

export interface CodeSent {
  phone: NormalizedPhone;
  /** Seconds the code stays valid. */
  expiresIn: number;
  /** Seconds until another code may be sent to this phone. */
  retryAfter: number;
}

/**
 * The SMS module's public service: send a verification code for a purpose, and
 * verify one. Other modules use only this.
 */
@Injectable()
export class SmsCodeService {
  private readonly phonePolicy: PhonePolicy;
  private readonly codeLength: number;
  private readonly signature: string;

  constructor(
    private readonly store: SmsCodeStore,
    private readonly sender: SmsSender,
    private readonly checks: SmsSendChecks,
    config: AppConfigService,
  ) {
    this.phonePolicy = {
      defaultRegion: config.get('SMS_DEFAULT_REGION'),
      allowedRegions: config.get('SMS_ALLOWED_REGIONS'),
    };
    this.codeLength = config.get('SMS_CODE_LENGTH');
    this.signature = config.get('APP_NAME');
  }

  /** Parses and checks a phone number against the service's regions. */
  normalizePhone(phone: string): NormalizedPhone {
    return normalizePhone(phone, this.phonePolicy);
  }

  async sendCode(request: CodeRequest): Promise<CodeSent> {
    const phone = this.normalizePhone(request.phone);
    const context: CodeRequestContext = { ...request, phone };
    await this.checks.runAll(context);

    const code = generateCode(this.codeLength);
    const reservation = await this.store.reserve(
      { phone: phone.e164, purpose: request.purpose, clientIp: request.clientIp },
      code,
    );
    const ttlMinutes = this.store.codeTtlSeconds / 60;
    try {
      await this.sender.send(
        {
          id: randomUUID(),
          phone: phone.e164,
          region: phone.region,
          purpose: request.purpose,
          signature: this.signature,
          content: renderDefaultVerificationMessage({
            signature: this.signature,
            code,
            ttlMinutes,
          }),
          variables: [
            ['code', code],
            ['ttl', String(ttlMinutes)],
          ],
        },
        {
          recordedContent: renderDefaultVerificationMessage({
            signature: this.signature,
            code: maskCode(code),
            ttlMinutes,
          }),
          clientIp: request.clientIp,
        },
      );
    } catch (error) {
      await this.store.release(reservation);
      throw error;
    }
    return {
      phone,
      expiresIn: this.store.codeTtlSeconds,
      retryAfter: this.store.resendIntervalSeconds,
    };
  }

  /** Verifies and consumes a code; throws `CodeIsError`, `CodeHasExpired`, ... otherwise. */
  async verifyCode(input: {
    phone: string;
    purpose: SmsPurpose;
    code?: string;
  }): Promise<NormalizedPhone> {
    const phone = this.normalizePhone(input.phone);
    const code = input.code?.trim();
    if (!code) throw new MissingCodeError();
    await this.store.verify(phone.e164, input.purpose, code);
    return phone;
  }
}
