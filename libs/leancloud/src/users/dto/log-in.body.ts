import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalMobilePhoneNumber } from '../../http/phone-field';

/**
 * `POST /1.1/login`: `username` or `mobilePhoneNumber` with `password`, or
 * `mobilePhoneNumber` with `smsCode`. Which one is read is the service's choice.
 */
export class LogInBody {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  username?: string;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @OptionalMobilePhoneNumber()
  mobilePhoneNumber?: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  password?: string;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  smsCode?: string;
}
