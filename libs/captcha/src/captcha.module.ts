import { Module } from '@nestjs/common';
import { CodesModule } from '@app/codes';
import { MetricsModule } from '@app/metrics';
import { CaptchaController } from './captcha.controller';
import { CaptchaService } from './captcha.service';
import { CaptchaTextGenerator } from './captcha-text.generator';
import { CaptchaRateLimitGuard } from './limits/captcha-rate-limit.guard';
import { captchaProviderProvider } from './providers/captcha-provider.factory';
import { ImageCaptchaProvider } from './providers/image-captcha.provider';
import { FreeRequestStore } from './sms/free-request.store';
import { SmsCaptchaCheck } from './sms/sms-captcha.check';
import { CaptchaTokenStore } from './store/captcha-token.store';

/**
 * Captchas and the gate they put before SMS sending. It plugs its check into the SMS module
 * (`SmsSendChecks`); the SMS module knows nothing of captchas.
 */
@Module({
  imports: [CodesModule, MetricsModule],
  controllers: [CaptchaController],
  providers: [
    CaptchaTextGenerator,
    CaptchaTokenStore,
    ImageCaptchaProvider,
    captchaProviderProvider,
    CaptchaService,
    CaptchaRateLimitGuard,
    FreeRequestStore,
    SmsCaptchaCheck,
  ],
  exports: [CaptchaService, CaptchaRateLimitGuard],
})
export class CaptchaModule {}
