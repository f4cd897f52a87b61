import { Module } from '@nestjs/common';
import { CaptchaController } from './captcha.controller';
import { CaptchaService } from './captcha.service';
import { CaptchaTextGenerator } from './captcha-text.generator';
import { CaptchaRateLimitGuard } from './limits/captcha-rate-limit.guard';
import { captchaProviderProvider } from './providers/captcha-provider.factory';
import { ImageCaptchaProvider } from './providers/image-captcha.provider';
import { CaptchaTokenStore } from './store/captcha-token.store';

/** Captchas: drawn here or checked with a hosted service, solved for one-shot validate tokens. */
@Module({
  controllers: [CaptchaController],
  providers: [
    CaptchaTextGenerator,
    CaptchaTokenStore,
    ImageCaptchaProvider,
    captchaProviderProvider,
    CaptchaService,
    CaptchaRateLimitGuard,
  ],
  exports: [CaptchaService],
})
export class CaptchaModule {}
