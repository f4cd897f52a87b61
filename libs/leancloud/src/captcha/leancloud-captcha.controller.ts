import { Get, Header, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CaptchaRateLimited } from '@app/captcha';
import { ClientIp, Public } from '@app/common';
import { LeanCloudCaller } from '../auth/leancloud-caller.decorator';
import type { LeanCloudCaller as Caller } from '../auth/leancloud-credentials';
import { LeanCloudBody, LeanCloudQuery } from '../http/leancloud-body';
import { LeanCloudController } from '../http/leancloud-controller.decorator';
import { LeanCloudSettings } from '../leancloud-settings';
import { captchaImageUrl } from './captcha-image-url';
import { RequestCaptchaQuery } from './dto/request-captcha.query';
import { VerifyCaptchaBody } from './dto/verify-captcha.body';
import { LeanCloudCaptcha, LeanCloudCaptchaService } from './leancloud-captcha.service';

@Public()
@LeanCloudController()
export class LeanCloudCaptchaController {
  constructor(
    private readonly captchas: LeanCloudCaptchaService,
    private readonly settings: LeanCloudSettings,
  ) {}

  @Get('requestCaptcha')
  @Header('Cache-Control', 'no-store')
  @CaptchaRateLimited('issue')
  requestCaptcha(
    @LeanCloudQuery(RequestCaptchaQuery) query: RequestCaptchaQuery,
    @LeanCloudCaller() caller: Caller,
    @Req() request: FastifyRequest,
  ): Promise<LeanCloudCaptcha> {
    const appId = this.settings.keys.appId;
    return this.captchas.request(query, caller, (token) => captchaImageUrl(request, appId, token));
  }

  @Post('verifyCaptcha')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @CaptchaRateLimited('verify')
  verifyCaptcha(
    @LeanCloudBody(VerifyCaptchaBody) body: VerifyCaptchaBody,
    @ClientIp() clientIp: string,
  ): Promise<{ validate_token: string }> {
    return this.captchas.verify({
      captchaToken: body.captcha_token,
      answer: body.captcha_code,
      clientIp,
    });
  }
}
