import { Injectable } from '@nestjs/common';
import { Actor, ANONYMOUS_ACTOR } from '@app/common';
import { User } from '@app/prisma';
import {
  CodeSent,
  SmsCodeService,
  SmsPurpose,
  SmsSendCheck,
  VerificationRecipient,
} from '@app/codes';
import {
  ActorSessions,
  LogInService,
  NO_PHONE_CHANGE_PROOF,
  PasswordService,
  PhoneAlreadyVerifiedError,
  ProfileService,
  publicIdOf,
  SessionService,
} from '@app/user';
import { findActorSession, findLeanCloudSession } from '../auth/leancloud-session';
import { answering } from '../errors/answering';
import { LeanCloudError } from '../errors/leancloud-error';
import { LeanCloudSettings } from '../leancloud-settings';
import { ChangePhoneBody, PhoneCodeRequestBody } from './dto/phone-code.body';
import { ResetPasswordBody, VerifyMobilePhoneBody } from './dto/password.body';
import { PendingResetsStore } from './pending-resets.store';
import { LEANCLOUD_SMS_LOG_IN } from './sms-log-in-policies';

/** Where a code request comes from: the address, and who asks (by its X-LC-Session). */
export interface CodeRequester {
  clientIp: string;
  actor: Actor;
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
    private readonly sessions: SessionService,
    private readonly actors: ActorSessions,
    private readonly settings: LeanCloudSettings,
  ) {}

  /** 213 for a phone with no account, 215 for an unverified one: no SMS for either. */
  async requestLoginCode(body: PhoneCodeRequestBody, from: CodeRequester): Promise<object> {
    const smsLogInAllowed: SmsSendCheck = {
      check: ({ phone }) => this.logIns.assertCodeLogInAllowed(phone.e164, LEANCLOUD_SMS_LOG_IN),
    };
    await answering(BY_PHONE, () => this.send(body, 'login', from, { checks: [smsLogInAllowed] }));
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
    await answering(BY_PHONE, () =>
      this.passwords.reset({ phone, code, password: body.password }, 'code'),
    );
    await this.pendingResets.forget(clientIp, this.codes.normalizePhone(phone).e164);
    return {};
  }

  /**
   * Signed in: a code to the user's own phone (another phone: 213). Signed out (or a stale
   * session), as LeanCloud's REST guide calls it: to the account that has the phone (none:
   * 213). No SMS for a phone verified already, and no error either: LeanCloud's answer.
   */
  async requestPhoneVerification(body: PhoneCodeRequestBody, from: CodeRequester): Promise<object> {
    // The account check then asks the same actor: its session is looked up once.
    const session = await findActorSession(this.actors, from.actor);
    try {
      if (session !== undefined) {
        await answering(SIGNED_IN, () => this.send(body, 'verify_phone', from));
      } else {
        const anyone = { clientIp: from.clientIp, actor: ANONYMOUS_ACTOR };
        await answering(BY_PHONE, () =>
          this.send(body, 'verify_phone', anyone, { recipient: 'phone-account' }),
        );
      }
    } catch (error) {
      if (!(error instanceof PhoneAlreadyVerifiedError)) throw error;
    }
    return {};
  }

  /**
   * Signed in: the user's own phone, as before. Signed out with `mobilePhoneNumber`: that
   * phone's account, the code proving the phone. Neither (SDK 4.15.2 sends `null`): 211.
   */
  async verifyPhone(
    code: string,
    body: VerifyMobilePhoneBody,
    sessionToken: string | undefined,
  ): Promise<object> {
    const session = await findLeanCloudSession(this.sessions, sessionToken);
    let user: User;
    if (session !== undefined) {
      user = await this.profiles.verifyPhone(session.user, code);
    } else {
      const phone = body.mobilePhoneNumber;
      if (phone === undefined) throw new LeanCloudError(211);
      user = await answering(BY_PHONE, () => this.profiles.verifyPhoneByCode({ phone, code }));
    }
    return { objectId: publicIdOf(user), updatedAt: user.updatedAt.toISOString() };
  }

  async requestPhoneChange(body: PhoneCodeRequestBody, from: CodeRequester): Promise<object> {
    await answering(SIGNED_IN, () => this.send(body, 'change_phone', from));
    return {};
  }

  /**
   * LeanCloud's order: without a session a wrong code is 603, and a right one 211 (checked,
   * not used: the user may sign in and send it again). Signed in, the account is proven as
   * USER_PHONE_CHANGE_PROOF says (by default as on `/v1`; `none` asks the code only, as LeanCloud).
   */
  async changePhone(sessionToken: string | undefined, body: ChangePhoneBody): Promise<object> {
    const session = await findLeanCloudSession(this.sessions, sessionToken);
    if (session === undefined) {
      const check = { phone: body.mobilePhoneNumber, purpose: 'change_phone' as const };
      await this.codes.checkCode({ ...check, code: body.code });
      throw new LeanCloudError(211);
    }
    const { currentPassword, currentPhoneCode } = body;
    await this.profiles.changePhone(session.user, {
      phone: body.mobilePhoneNumber,
      code: body.code,
      proof:
        this.settings.phoneChangeProof === 'none'
          ? NO_PHONE_CHANGE_PROOF
          : { currentPassword, currentPhoneCode },
    });
    return {};
  }

  private send(
    body: PhoneCodeRequestBody,
    purpose: SmsPurpose,
    from: CodeRequester,
    options: { checks?: readonly SmsSendCheck[]; recipient?: VerificationRecipient } = {},
  ): Promise<CodeSent> {
    const { checks, recipient } = options;
    return this.codes.sendCode({
      checks,
      phone: body.mobilePhoneNumber,
      purpose,
      clientIp: from.clientIp,
      validateToken: body.validate_token,
      actor: from.actor,
      recipient,
    });
  }
}
