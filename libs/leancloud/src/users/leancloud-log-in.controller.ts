import { HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ANONYMOUS_ACTOR, ClientIp, Public } from '@app/common';
import type { SessionOrigin } from '@app/user';
import { LeanCloudBody } from '../http/leancloud-body';
import { LeanCloudController } from '../http/leancloud-controller.decorator';
import { LeanCloudOrigin } from '../http/leancloud-origin.decorator';
import { LogInBody } from './dto/log-in.body';
import { PhoneCodeRequestBody, UsersByMobilePhoneBody } from './dto/phone-code.body';
import { LeanCloudAccountsService } from './leancloud-accounts.service';
import { LeanCloudPhoneService } from './leancloud-phone.service';
import { LeanCloudUser } from './leancloud-user';

@Public()
@LeanCloudController()
export class LeanCloudLogInController {
  constructor(
    private readonly accounts: LeanCloudAccountsService,
    private readonly phones: LeanCloudPhoneService,
  ) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  logIn(
    @LeanCloudBody(LogInBody) body: LogInBody,
    @LeanCloudOrigin() origin: SessionOrigin,
  ): Promise<LeanCloudUser> {
    return this.accounts.logIn(body, origin);
  }

  @Post('usersByMobilePhone')
  @HttpCode(HttpStatus.OK)
  usersByMobilePhone(
    @LeanCloudBody(UsersByMobilePhoneBody) body: UsersByMobilePhoneBody,
    @LeanCloudOrigin() origin: SessionOrigin,
  ): Promise<LeanCloudUser> {
    return this.accounts.signUpOrLogIn(body, origin);
  }

  @Post('requestLoginSmsCode')
  @HttpCode(HttpStatus.OK)
  requestLoginSmsCode(
    @LeanCloudBody(PhoneCodeRequestBody) body: PhoneCodeRequestBody,
    @ClientIp() clientIp: string,
  ): Promise<object> {
    return this.phones.requestLoginCode(body, { clientIp, actor: ANONYMOUS_ACTOR });
  }
}
