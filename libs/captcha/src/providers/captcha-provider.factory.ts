import { FactoryProvider, Logger } from '@nestjs/common';
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
        const siteKey = config.get('TURNSTILE_SITE_KEY');
        // validateEnvironment already stops the start without them; this only narrows the type.
        if (!secretKey || !siteKey) {
          throw new Error('TURNSTILE_SECRET_KEY and TURNSTILE_SITE_KEY are required by turnstile');
        }
        const hostnames = config.get('TURNSTILE_EXPECTED_HOSTNAMES');
        // Not required (see the README): the site key's own hostname list may be the control.
        if (hostnames.length === 0) {
          new Logger('TurnstileCaptchaProvider').warn(
            'TURNSTILE_EXPECTED_HOSTNAMES is unset: a token solved on any hostname the site ' +
              'key allows passes',
          );
        }
        return new TurnstileCaptchaProvider({
          secretKey,
          siteKey,
          verifyUrl: config.get('TURNSTILE_VERIFY_URL'),
          timeoutMs: config.get('CAPTCHA_PROVIDER_TIMEOUT_MS'),
          expected: {
            hostnames,
            action: config.get('TURNSTILE_EXPECTED_ACTION'),
          },
        });
      }
    }
  },
};
