import { HttpCode, HttpStatus, Param, Post, Put, SetMetadata } from '@nestjs/common';
import { ClientIp, Public, ROUTE_ACCESS } from '@app/common';
import {
  CurrentLeanCloudSession,
  LeanCloudSession,
  LeanCloudSessionRequired,
} from '../auth/leancloud-session';
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
    return this.phones.requestPasswordReset(body, { clientIp });
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

  /** The code goes to the signed-in user's own phone (the session is checked before sending). */
  @Post('requestMobilePhoneVerify')
  @HttpCode(HttpStatus.OK)
  @SetMetadata(ROUTE_ACCESS, 'session')
  requestPhoneVerification(
    @LeanCloudBody(PhoneCodeRequestBody) body: PhoneCodeRequestBody,
    @ClientIp() clientIp: string,
    @LeanCloudSessionToken() sessionToken: string | undefined,
  ): Promise<object> {
    return this.phones.requestPhoneVerification(body, { clientIp, sessionToken });
  }

  @Post('verifyMobilePhone/:code')
  @HttpCode(HttpStatus.OK)
  @LeanCloudSessionRequired()
  verifyPhone(
    @Param('code') code: string,
    @LeanCloudBody(VerifyMobilePhoneBody) _body: VerifyMobilePhoneBody,
    @CurrentLeanCloudSession() session: LeanCloudSession,
  ): Promise<object> {
    return this.phones.verifyPhone(session, code);
  }

  @Post('requestChangePhoneNumber')
  @HttpCode(HttpStatus.OK)
  @SetMetadata(ROUTE_ACCESS, 'session')
  requestPhoneChange(
    @LeanCloudBody(RequestChangePhoneBody) body: RequestChangePhoneBody,
    @ClientIp() clientIp: string,
    @LeanCloudSessionToken() sessionToken: string | undefined,
  ): Promise<object> {
    return this.phones.requestPhoneChange(body, { clientIp, sessionToken });
  }

  @Post('changePhoneNumber')
  @HttpCode(HttpStatus.OK)
  @LeanCloudSessionRequired()
  changePhone(
    @LeanCloudBody(ChangePhoneBody) body: ChangePhoneBody,
    @CurrentLeanCloudSession() session: LeanCloudSession,
  ): Promise<object> {
    return this.phones.changePhone(session, body);
  }
}
