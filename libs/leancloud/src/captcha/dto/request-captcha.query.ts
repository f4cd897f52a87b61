import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IntegerFromString } from '../../http/integer-field';

/**
 * `GET /1.1/requestCaptcha`. Bounds are the captcha module's (107 outside them), and for
 * `size` LeanCloud's 3 to 6. Who may ask for what is the service's rule.
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
  @Min(3)
  @Max(6)
  size?: number;

  /** Seconds to answer in (LeanCloud: 10 to 180). */
  @IsOptional()
  @IntegerFromString()
  @IsInt()
  ttl?: number;
}
