import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '@app/user';
import { IntegerFromString } from '../../http/integer-field';
import { MobilePhoneNumber } from '../../http/phone-field';
import { SmsCode } from './password-fields';

/** The user routes that send a code: a phone and, with a captcha, its validate token. */
export class PhoneCodeRequestBody {
  @MobilePhoneNumber()
  mobilePhoneNumber: string;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  validate_token?: string;
}

/** `POST /1.1/requestChangePhoneNumber`: `ttl` is accepted; codes live SMS_CODE_TTL_MINUTES. */
export class RequestChangePhoneBody extends PhoneCodeRequestBody {
  @IsOptional()
  @IntegerFromString()
  @IsInt()
  @Min(1)
  @Max(30)
  ttl?: number;
}

/**
 * `POST /1.1/usersByMobilePhone`. `username` and `password` are used only when the code signs
 * the phone up, so their rules are checked then (by the service); other attributes are dropped.
 */
export class UsersByMobilePhoneBody {
  @MobilePhoneNumber()
  mobilePhoneNumber: string;

  @SmsCode()
  smsCode: string;

  @IsOptional()
  @IsString()
  username?: string | null;

  @IsOptional()
  @IsString()
  password?: string | null;
}

/**
 * `POST /1.1/changePhoneNumber`. Under USER_PHONE_CHANGE_PROOF=password_or_old_phone the
 * account is proven as on `/v1` (LeanCloud's SDKs send neither field; an app adds them itself).
 */
export class ChangePhoneBody {
  @MobilePhoneNumber()
  mobilePhoneNumber: string;

  @SmsCode()
  code: string;

  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword?: string;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  currentPhoneCode?: string;
}
