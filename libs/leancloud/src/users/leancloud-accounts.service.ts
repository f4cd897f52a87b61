import { Injectable } from '@nestjs/common';
import {
  AccountLookupService,
  AuthResult,
  LogInService,
  PasswordService,
  publicIdOf,
  SessionOrigin,
  SessionService,
  SignUpService,
} from '@app/user';
import type { LeanCloudCaller } from '../auth/leancloud-credentials';
import type { LeanCloudSession } from '../auth/leancloud-session';
import { answering } from '../errors/answering';
import { LeanCloudError } from '../errors/leancloud-error';
import { LogInBody } from './dto/log-in.body';
import { UpdatePasswordBody } from './dto/password.body';
import { UsersByMobilePhoneBody } from './dto/phone-code.body';
import { SignUpBody } from './dto/sign-up.body';
import { LeanCloudUser, toLeanCloudUser } from './leancloud-user';
import { SignUpPhoneVerification } from './sign-up-phone-verification';
import { LEANCLOUD_SIGN_UP_OR_LOG_IN, LEANCLOUD_SMS_LOG_IN } from './sms-log-in-policies';

const signedIn = ({ user, sessionToken }: AuthResult): LeanCloudUser =>
  toLeanCloudUser(user, sessionToken);

/** Log-in by phone: LeanCloud told an unknown phone (213) from an unknown user (211). */
const BY_PHONE = { UserNotFound: 213 } as const;

/** LeanCloud's account routes on the user module's services. */
@Injectable()
export class LeanCloudAccountsService {
  constructor(
    private readonly signUps: SignUpService,
    private readonly logIns: LogInService,
    private readonly passwords: PasswordService,
    private readonly sessions: SessionService,
    private readonly lookup: AccountLookupService,
    private readonly signUpVerification: SignUpPhoneVerification,
  ) {}

  /** The account first; then, with LEANCLOUD_VERIFY_PHONE_ON_SIGNUP, its verification code. */
  async signUp(body: SignUpBody, origin: SessionOrigin, clientIp: string): Promise<LeanCloudUser> {
    const { username, password, mobilePhoneNumber: phone } = body;
    const signedUp = await this.signUps.signUpWithPassword({ phone, username, password }, origin);
    const user = signedIn(signedUp);
    await this.signUpVerification.send(
      { objectId: user.objectId, phone: signedUp.user.phone, sessionToken: signedUp.sessionToken },
      clientIp,
    );
    return user;
  }

  async logIn(body: LogInBody, origin: SessionOrigin): Promise<LeanCloudUser> {
    // JSON clients leave a field out as `null` or `""` too.
    const username = body.username || undefined;
    const phone = body.mobilePhoneNumber || undefined;
    const password = body.password || undefined;
    const smsCode = body.smsCode ?? undefined;
    if (smsCode !== undefined) {
      if (phone === undefined) throw new LeanCloudError(212);
      return answering(BY_PHONE, async () =>
        signedIn(
          await this.logIns.withCode({ phone, code: smsCode }, origin, LEANCLOUD_SMS_LOG_IN),
        ),
      );
    }
    if (phone !== undefined) {
      if (password === undefined) throw new LeanCloudError(201);
      return signedIn(await this.logIns.withPassword({ phone, password }, origin));
    }
    if (username === undefined) {
      if (body.email != null) {
        throw new LeanCloudError(119, 'Log-in by email is not supported by this server.');
      }
      throw new LeanCloudError(200);
    }
    if (password === undefined) throw new LeanCloudError(201);
    return signedIn(await this.logIns.withUsername({ username, password }, origin));
  }

  /**
   * LeanCloud's usersByMobilePhone: signs the phone up (with the username and password given,
   * if any) or logs in to its account (ignoring them), with a code of `requestSmsCode` or of
   * `requestLoginSmsCode`.
   */
  async signUpOrLogIn(body: UsersByMobilePhoneBody, origin: SessionOrigin): Promise<LeanCloudUser> {
    const input = {
      phone: body.mobilePhoneNumber,
      code: body.smsCode,
      // JSON clients leave a field out as `null` or `""` too.
      newAccount: { username: body.username || undefined, password: body.password || undefined },
    };
    return answering(BY_PHONE, async () =>
      signedIn(await this.logIns.withCode(input, origin, LEANCLOUD_SIGN_UP_OR_LOG_IN)),
    );
  }

  me(session: LeanCloudSession): LeanCloudUser {
    return toLeanCloudUser(session.user, session.token);
  }

  /**
   * A new session token, every older one ended: for the signed-in user itself, or for any
   * user with the Master Key.
   */
  async refreshSessionToken(
    objectId: string,
    caller: LeanCloudCaller,
    sessionToken: string | undefined,
    origin: SessionOrigin,
  ): Promise<LeanCloudUser> {
    const user =
      caller === 'master'
        ? await this.lookup.byPublicId(objectId)
        : (await this.sessionOf(sessionToken)).user;
    if (user === null) throw new LeanCloudError(211);
    if (publicIdOf(user) !== objectId) throw new LeanCloudError(206);
    return toLeanCloudUser(user, await this.sessions.replaceAll(user.id, origin));
  }

  /** The user's own password; its other sessions end, this one stays. */
  async updatePassword(
    objectId: string,
    session: LeanCloudSession,
    body: UpdatePasswordBody,
  ): Promise<LeanCloudUser> {
    if (publicIdOf(session.user) !== objectId) throw new LeanCloudError(206);
    await this.passwords.change(session, {
      oldPassword: body.old_password,
      newPassword: body.new_password,
    });
    return toLeanCloudUser(session.user, session.token);
  }

  private async sessionOf(token: string | undefined): Promise<LeanCloudSession> {
    if (token === undefined) throw new LeanCloudError(206);
    return { ...(await this.sessions.authenticate(token)), token };
  }
}
