import { Injectable } from '@nestjs/common';
import { CodeSent, SmsCodeService, SmsPurpose, SmsSendCheck } from '@app/sms';
import {
  LogInService,
  PasswordService,
  PhoneAlreadyVerifiedError,
  ProfileService,
  publicIdOf,
} from '@app/user';
import type { LeanCloudSession } from '../auth/leancloud-session';
import { answering } from '../errors/answering';
import { LeanCloudError } from '../errors/leancloud-error';
import { ChangePhoneBody, PhoneCodeRequestBody } from './dto/phone-code.body';
import { ResetPasswordBody } from './dto/password.body';
import { PendingResetsStore } from './pending-resets.store';
import { LEANCLOUD_SMS_LOG_IN } from './sms-log-in-policies';

/** Where a code request comes from: the address, and the X-LC-Session when there is one. */
export interface CodeRequester {
  clientIp: string;
  sessionToken?: string;
}

/** Routes that act on the signed-in user answered 206 without a session, as LeanCloud did. */
const SIGNED_IN = { SessionInvalid: 206, PhoneMismatch: 213 } as const;
const BY_PHONE = { UserNotFound: 213 } as const;

/** LeanCloud's phone-code routes of accounts: log-in codes, reset, verification, change. */
@Injectable()
export class LeanCloudPhoneService {
  constructor(
    private readonly codes: SmsCodeService,
    private readonly profiles: ProfileService,
    private readonly passwords: PasswordService,
    private readonly pendingResets: PendingResetsStore,
    private readonly logIns: LogInService,
  ) {}

  /** 213 for a phone with no account, 215 for an unverified one: no SMS for either. */
  async requestLoginCode(body: PhoneCodeRequestBody, from: CodeRequester): Promise<object> {
    const smsLogInAllowed: SmsSendCheck = {
      check: ({ phone }) => this.logIns.assertCodeLogInAllowed(phone.e164, LEANCLOUD_SMS_LOG_IN),
    };
    await answering(BY_PHONE, () => this.send(body, 'login', from, [smsLogInAllowed]));
    return {};
  }

  async requestPasswordReset(body: PhoneCodeRequestBody, from: CodeRequester): Promise<object> {
    const sent = await answering(BY_PHONE, () => this.send(body, 'reset_password', from));
    await this.pendingResets.remember(from.clientIp, sent.phone.e164, sent.expiresIn);
    return {};
  }

  async resetPassword(code: string, body: ResetPasswordBody, clientIp: string): Promise<object> {
    const phone = body.mobilePhoneNumber ?? (await this.pendingResets.onlyPhone(clientIp));
    if (phone === undefined) {
      throw new LeanCloudError(
        212,
        'The mobile phone number is missing, and must be specified (SDK 4.15.3 and later send it).',
      );
    }
    await answering(BY_PHONE, () => this.passwords.reset({ phone, code, password: body.password }));
    await this.pendingResets.forget(clientIp, this.codes.normalizePhone(phone).e164);
    return {};
  }

  /** No SMS for a phone verified already, and no error either: LeanCloud's answer. */
  async requestPhoneVerification(body: PhoneCodeRequestBody, from: CodeRequester): Promise<object> {
    try {
      await answering(SIGNED_IN, () => this.send(body, 'verify_phone', from));
    } catch (error) {
      if (!(error instanceof PhoneAlreadyVerifiedError)) throw error;
    }
    return {};
  }

  async verifyPhone(session: LeanCloudSession, code: string): Promise<object> {
    const user = await this.profiles.verifyPhone(session.user, code);
    return { objectId: publicIdOf(user), updatedAt: user.updatedAt.toISOString() };
  }

  async requestPhoneChange(body: PhoneCodeRequestBody, from: CodeRequester): Promise<object> {
    await answering(SIGNED_IN, () => this.send(body, 'change_phone', from));
    return {};
  }

  async changePhone(session: LeanCloudSession, body: ChangePhoneBody): Promise<object> {
    await this.profiles.changePhone(session.user, {
      phone: body.mobilePhoneNumber,
      code: body.code,
    });
    return {};
  }

  private send(
    body: PhoneCodeRequestBody,
    purpose: SmsPurpose,
    from: CodeRequester,
    checks?: readonly SmsSendCheck[],
  ): Promise<CodeSent> {
    return this.codes.sendCode({
      checks,
      phone: body.mobilePhoneNumber,
      purpose,
      clientIp: from.clientIp,
      validateToken: body.validate_token,
      authorization: from.sessionToken === undefined ? undefined : `Bearer ${from.sessionToken}`,
    });
  }
}
