import { HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import {
  ANONYMOUS_ACTOR,
  ClientHit,
  ClientIp,
  Public,
  ThrottledInScript,
} from '@app/common';
import type { PendingWindowHit } from '@app/redis';
import { SmsCodeService } from '@app/codes';
import { JsonObject, LeanCloudBody } from '../http/leancloud-body';
import { LeanCloudController } from '../http/leancloud-controller.decorator';
import { RequestSmsCodeBody } from './dto/request-sms-code.body';
import { VerifySmsCodeBody } from './dto/verify-sms-code.body';
import { templateVariables } from './template-variables';

/**
 * LeanCloud's general verification codes. They use the `operation` purpose, which is also
 * what `/1.1/usersByMobilePhone` accepts, as on LeanCloud.
 */
@Public()
@LeanCloudController()
export class LeanCloudSmsController {
  constructor(private readonly codes: SmsCodeService) {}

  @Post('requestSmsCode')
  @HttpCode(HttpStatus.OK)
  async requestSmsCode(
    @LeanCloudBody(RequestSmsCodeBody) body: RequestSmsCodeBody,
    @LeanCloudBody() raw: JsonObject,
    @ClientIp() clientIp: string,
  ): Promise<object> {
    await this.codes.sendCode({
      phone: body.mobilePhoneNumber,
      purpose: 'operation',
      channel: body.smsType,
      clientIp,
      actor: ANONYMOUS_ACTOR,
      validateToken: body.validate_token,
      template: body.template,
      signature: body.sign,
      variables: templateVariables(raw),
    });
    return {};
  }

  @Post('verifySmsCode/:code')
  @HttpCode(HttpStatus.OK)
  @ThrottledInScript()
  async verifySmsCode(
    @Param('code') code: string,
    @LeanCloudBody(VerifySmsCodeBody) body: VerifySmsCodeBody,
    @ClientHit() clientHit: PendingWindowHit | undefined,
  ): Promise<object> {
    await this.codes.verifyCode({
      phone: body.mobilePhoneNumber,
      purpose: 'operation',
      code,
      clientHit,
    });
    return {};
  }
}
