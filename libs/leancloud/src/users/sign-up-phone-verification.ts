import { Injectable, Logger } from '@nestjs/common';
import { AppError, sessionActor } from '@app/common';
import { SmsCodeService } from '@app/codes';
import { LeanCloudSettings } from '../leancloud-settings';

/** The account `POST /1.1/users` has just created, and the session it was answered with. */
export interface SignedUpAccount {
  objectId: string;
  phone: string;
  sessionToken: string;
}

/**
 * LeanCloud's "send verification SMS when users register or change phone numbers from
 * clients" (LEANCLOUD_VERIFY_PHONE_ON_SIGNUP): a `verify_phone` code right after the sign-up,
 * which `verifyMobilePhone/<code>` then takes.
 */
@Injectable()
export class SignUpPhoneVerification {
  private readonly logger = new Logger(SignUpPhoneVerification.name);

  constructor(
    private readonly codes: SmsCodeService,
    private readonly settings: LeanCloudSettings,
  ) {}

  /**
   * Sent as a code request of the new account's own session, through every send check and
   * limit like any other: a sign-up is not a way around the captcha or the daily limits. The
   * account is committed by then, so a refused or failed send does not fail the sign-up (it
   * is logged): the app asks again with `requestMobilePhoneVerify`, as after a lost SMS.
   */
  async send(account: SignedUpAccount, clientIp: string): Promise<void> {
    if (!this.settings.verifyPhoneOnSignUp) return;
    try {
      await this.codes.sendCode({
        phone: account.phone,
        purpose: 'verify_phone',
        clientIp,
        actor: sessionActor(account.sessionToken),
      });
    } catch (error) {
      const what = `No verification SMS after the sign-up of ${account.objectId}`;
      if (error instanceof AppError)
        this.logger.warn(`${what}: ${error.code}; the account is kept`);
      else this.logger.error(`${what}; the account is kept`, error);
    }
  }
}
