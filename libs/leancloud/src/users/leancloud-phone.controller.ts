import { HttpCode, HttpStatus, Param, Post, Put, SetMetadata } from '@nestjs/common';
import { Actor, ANONYMOUS_ACTOR, ClientIp, Public, ROUTE_ACCESS } from '@app/common';
import { LeanCloudActor } from '../http/actor.decorator';
import { LeanCloudBody } from '../http/leancloud-body';
import { LeanCloudController } from '../http/leancloud-controller.decorator';
import { LeanCloudSessionToken } from '../http/session-token.decorator';
import { ResetPasswordBody, VerifyMobilePhoneBody } from './dto/password.body';
import {
  ChangePhoneBody,
  PhoneCodeRequestBody,
  RequestChangePhoneBody,
} from './dto/phone-code.body';
import { LeanCloudPhoneService } from './leancloud-phone.service';

/** Codes sent to and checked against a user's phone: reset, verification, change. */
@LeanCloudController()
export class LeanCloudPhoneController {
  constructor(private readonly phones: LeanCloudPhoneService) {}

  @Post('requestPasswordResetBySmsCode')
  @HttpCode(HttpStatus.OK)
  @Public()
  requestPasswordReset(
    @LeanCloudBody(PhoneCodeRequestBody) body: PhoneCodeRequestBody,
    @ClientIp() clientIp: string,
  ): Promise<object> {
    return this.phones.requestPasswordReset(body, { clientIp, actor: ANONYMOUS_ACTOR });
  }

  @Put('resetPasswordBySmsCode/:code')
  @Public()
  resetPassword(
    @Param('code') code: string,
    @LeanCloudBody(ResetPasswordBody) body: ResetPasswordBody,
    @ClientIp() clientIp: string,
  ): Promise<object> {
    return this.phones.resetPassword(code, body, clientIp);
  }

  /** Signed in: the user's own phone. Signed out: the account that has the phone. */
  @Post('requestMobilePhoneVerify')
  @HttpCode(HttpStatus.OK)
  @Public()
  requestPhoneVerification(
    @LeanCloudBody(PhoneCodeRequestBody) body: PhoneCodeRequestBody,
    @ClientIp() clientIp: string,
    @LeanCloudActor() actor: Actor,
  ): Promise<object> {
    return this.phones.requestPhoneVerification(body, { clientIp, actor });
  }

  /** Signed in, or signed out with the phone (the code proves it). */
  @Post('verifyMobilePhone/:code')
  @HttpCode(HttpStatus.OK)
  @Public()
  verifyPhone(
    @Param('code') code: string,
    @LeanCloudBody(VerifyMobilePhoneBody) body: VerifyMobilePhoneBody,
    @LeanCloudSessionToken() sessionToken: string | undefined,
  ): Promise<object> {
    return this.phones.verifyPhone(code, body, sessionToken);
  }

  @Post('requestChangePhoneNumber')
  @HttpCode(HttpStatus.OK)
  @SetMetadata(ROUTE_ACCESS, 'session')
  requestPhoneChange(
    @LeanCloudBody(RequestChangePhoneBody) body: RequestChangePhoneBody,
    @ClientIp() clientIp: string,
    @LeanCloudActor() actor: Actor,
  ): Promise<object> {
    return this.phones.requestPhoneChange(body, { clientIp, actor });
  }

  /** Needs a session, checked after the code (LeanCloud's order: a wrong code is 603). */
  @Post('changePhoneNumber')
  @HttpCode(HttpStatus.OK)
  @SetMetadata(ROUTE_ACCESS, 'session')
  changePhone(
    @LeanCloudBody(ChangePhoneBody) body: ChangePhoneBody,
    @LeanCloudSessionToken() sessionToken: string | undefined,
  ): Promise<object> {
    return this.phones.changePhone(sessionToken, body);
  }
}
