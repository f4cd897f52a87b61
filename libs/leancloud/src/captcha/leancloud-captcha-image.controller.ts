import { Controller, Get, Header, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@app/common';
import { LeanCloudError } from '../errors/leancloud-error';
import { LeanCloudExceptionFilter } from '../errors/leancloud-exception.filter';
import { LeanCloudQuery } from '../http/leancloud-body';
import { LEANCLOUD_PREFIX, LeanCloudSettings } from '../leancloud-settings';
import { CaptchaImageQuery } from './dto/verify-captcha.body';
import { LeanCloudCaptchaService } from './leancloud-captcha.service';

/**
 * The image behind a `captcha_url`. An `<img>` cannot send the X-LC-* headers, so, as on
 * LeanCloud, the URL carries the app ID and the unguessable captcha token instead.
 */
@Public()
@Controller(LEANCLOUD_PREFIX.slice(1))
@UseFilters(LeanCloudExceptionFilter)
@ApiExcludeController()
export class LeanCloudCaptchaImageController {
  constructor(
    private readonly captchas: LeanCloudCaptchaService,
    private readonly settings: LeanCloudSettings,
  ) {}

  @Get('captchaImage')
  @Header('Content-Type', 'image/png')
  @Header('Cache-Control', 'no-store')
  image(@LeanCloudQuery(CaptchaImageQuery) query: CaptchaImageQuery): Promise<Buffer> {
    if (query.appId !== this.settings.keys.appId) throw new LeanCloudError(401);
    return this.captchas.image(query.token);
  }
}
