import { FactoryProvider } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { CAPTCHA_PROVIDER, CaptchaProvider } from './captcha-provider';
import { ImageCaptchaProvider } from './image-captcha.provider';
import { TurnstileCaptchaProvider } from './turnstile/turnstile-captcha.provider';

/** The one provider `CAPTCHA_PROVIDER` names. */
export const captchaProviderProvider: FactoryProvider<CaptchaProvider> = {
  provide: CAPTCHA_PROVIDER,
  inject: [AppConfigService, ImageCaptchaProvider],
  useFactory: (config: AppConfigService, image: ImageCaptchaProvider): CaptchaProvider => {
    const name = config.get('CAPTCHA_PROVIDER');
    switch (name) {
      case 'image':
        return image;
      case 'turnstile': {
        const secretKey = config.get('TURNSTILE_SECRET_KEY');
        // validateEnvironment already stops the start without it; this only narrows the type.
        if (!secretKey)
          throw new Error('TURNSTILE_SECRET_KEY is required by CAPTCHA_PROVIDER=turnstile');
        return new TurnstileCaptchaProvider({
          secretKey,
          verifyUrl: config.get('TURNSTILE_VERIFY_URL'),
          timeoutMs: config.get('CAPTCHA_PROVIDER_TIMEOUT_MS'),
        });
      }
    }
  },
};
