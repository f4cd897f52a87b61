import { IsInt, IsOptional } from 'class-validator';
import { IntegerFromString } from '../../http/integer-field';

/**
 * `GET /1.1/requestCaptcha`. Bounds are the captcha module's (107 outside them); `size` and
 * `ttl` need the Master Key, as on LeanCloud.
 */
export class RequestCaptchaQuery {
  @IsOptional()
  @IntegerFromString()
  @IsInt()
  width?: number;

  @IsOptional()
  @IntegerFromString()
  @IsInt()
  height?: number;

  /** Characters to show (LeanCloud: 3 to 6). */
  @IsOptional()
  @IntegerFromString()
  @IsInt()
  size?: number;

  /** Seconds to answer in (LeanCloud: 10 to 180). */
  @IsOptional()
  @IntegerFromString()
  @IsInt()
  ttl?: number;
}
