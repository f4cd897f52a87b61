import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CAPTCHA_PROVIDER_NAMES, type CaptchaProviderName } from '@app/config';
import {
  type CaptchaClientConfig,
  SMS_CAPTCHA_POLICIES,
  type SmsCaptchaPolicy,
} from '../captcha-client-config';

export class CaptchaConfigDto {
  @ApiProperty({
    enum: CAPTCHA_PROVIDER_NAMES,
    description:
      'image: draw POST /v1/captcha and send the answer; turnstile: render Cloudflare Turnstile ' +
      'with siteKey and send its token to POST /v1/captcha/verify as captchaToken',
  })
  provider: CaptchaProviderName;

  @ApiPropertyOptional({
    description: 'The Turnstile site key (public); present with provider turnstile',
    example: '0x4AAAAAAAxxxxxxxxxxxxxx',
  })
  siteKey?: string;

  @ApiPropertyOptional({
    description:
      'Render the Turnstile widget with this action: the service refuses tokens of another',
    example: 'sms_code',
  })
  action?: string;

  @ApiProperty({
    enum: SMS_CAPTCHA_POLICIES,
    description:
      'When POST /v1/sms/codes needs a validateToken: always; sometimes (after a number of ' +
      'requests that is not disclosed: answer CaptchaRequired with a captcha); never',
  })
  smsCaptcha: SmsCaptchaPolicy;

  static from(config: CaptchaClientConfig): CaptchaConfigDto {
    const dto = new CaptchaConfigDto();
    dto.provider = config.provider;
    if (config.provider === 'turnstile') {
      dto.siteKey = config.siteKey;
      if (config.action !== undefined) dto.action = config.action;
    }
    dto.smsCaptcha = config.smsCaptcha;
    return dto;
  }
}
