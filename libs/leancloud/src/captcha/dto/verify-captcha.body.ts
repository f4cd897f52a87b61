import { IsString, MaxLength } from 'class-validator';

/** `POST /1.1/verifyCaptcha`. */
export class VerifyCaptchaBody {
  @IsString()
  @MaxLength(32)
  captcha_code: string;

  @IsString()
  @MaxLength(256)
  captcha_token: string;
}

/** `GET /1.1/captchaImage`: what the `captcha_url` of `requestCaptcha` carries. */
export class CaptchaImageQuery {
  @IsString()
  @MaxLength(64)
  appId: string;

  @IsString()
  @MaxLength(256)
  token: string;
}
