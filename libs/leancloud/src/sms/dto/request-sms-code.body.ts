import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CODE_CHANNELS, type CodeChannel } from '@app/delivery';
import { IntegerFromString } from '../../http/integer-field';
import { leanCloudCode } from '../../http/leancloud-body';
import { MobilePhoneNumber } from '../../http/phone-field';

const NAME_MAX_LENGTH = 64;

/**
 * `POST /1.1/requestSmsCode`. `template` and `sign` name a template and a signature of the
 * SMS module's catalogue; keys not listed here are the template's variables.
 */
export class RequestSmsCodeBody {
  @MobilePhoneNumber()
  mobilePhoneNumber: string;

  /** `voice`: a call reads the code out (the voice providers; 119 where none can call). */
  @IsOptional()
  @IsIn(CODE_CHANNELS, leanCloudCode(119, 'smsType must be "sms" or "voice".'))
  smsType?: CodeChannel;

  @IsOptional()
  @IsString()
  @MaxLength(NAME_MAX_LENGTH)
  template?: string;

  @IsOptional()
  @IsString()
  @MaxLength(NAME_MAX_LENGTH)
  sign?: string;

  @IsOptional()
  @IsString()
  @MaxLength(NAME_MAX_LENGTH)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(NAME_MAX_LENGTH)
  op?: string;

  /** Minutes; LeanCloud's range. Codes live SMS_CODE_TTL_MINUTES here whatever is asked. */
  @IsOptional()
  @IntegerFromString()
  @IsInt()
  @Min(1)
  @Max(30)
  ttl?: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  validate_token?: string;
}
