import { Module } from '@nestjs/common';
import { CaptchaModule } from '@app/captcha';
import { SmsModule } from '@app/sms';
import { LeanCloudAuthGuard } from './auth/leancloud-auth.guard';
import { CaptchaImageStore } from './captcha/captcha-image.store';
import { LeanCloudCaptchaImageController } from './captcha/leancloud-captcha-image.controller';
import { LeanCloudCaptchaController } from './captcha/leancloud-captcha.controller';
import { LeanCloudCaptchaService } from './captcha/leancloud-captcha.service';
import { LeanCloudExceptionFilter } from './errors/leancloud-exception.filter';
import { LeanCloudCors } from './http/leancloud-cors';
import { LeanCloudSettings } from './leancloud-settings';
import { LeanCloudSmsController } from './sms/leancloud-sms.controller';

/**
 * The LeanCloud-compatible API under `/1.1`: LeanCloud's wire format mapped onto the same
 * domain services as `/v1`. Imported only when LEANCLOUD_APP_ID is set.
 */
@Module({
  imports: [SmsModule, CaptchaModule],
  controllers: [
    LeanCloudSmsController,
    LeanCloudCaptchaController,
    LeanCloudCaptchaImageController,
  ],
  providers: [
    LeanCloudSettings,
    LeanCloudAuthGuard,
    LeanCloudExceptionFilter,
    LeanCloudCors,
    CaptchaImageStore,
    LeanCloudCaptchaService,
  ],
})
export class LeanCloudModule {}
