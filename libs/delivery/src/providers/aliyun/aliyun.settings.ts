import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MinLength, ValidateIf } from 'class-validator';
import {
  endpointUrl,
  MaxPerSecond,
  requiredOnAnyChannelBy,
  usedOnAnyChannelBy,
} from '../provider-settings';
import { toBoolean } from '@app/config';

/**
 * Alibaba Cloud SMS: required while `aliyun` is named in SMS_PROVIDER or SMS_ROUTES. The
 * account's AccessKey serves its voice calls too (`aliyun-voice.settings.ts`).
 */
export class AliyunSettings {
  @ValidateIf(usedOnAnyChannelBy('aliyun'))
  @IsString(requiredOnAnyChannelBy('ALIYUN_ACCESS_KEY_ID', 'aliyun'))
  @MinLength(1, requiredOnAnyChannelBy('ALIYUN_ACCESS_KEY_ID', 'aliyun'))
  ALIYUN_ACCESS_KEY_ID?: string;

  @ValidateIf(usedOnAnyChannelBy('aliyun'))
  @IsString(requiredOnAnyChannelBy('ALIYUN_ACCESS_KEY_SECRET', 'aliyun'))
  @MinLength(1, requiredOnAnyChannelBy('ALIYUN_ACCESS_KEY_SECRET', 'aliyun'))
  ALIYUN_ACCESS_KEY_SECRET?: string;

  @IsOptional()
  @endpointUrl('ALIYUN_SMS_ENDPOINT')
  ALIYUN_SMS_ENDPOINT?: string;

  @MaxPerSecond('ALIYUN_MAX_PER_SECOND')
  ALIYUN_MAX_PER_SECOND?: number;

  /** Reports verified international codes to Alibaba Cloud (SmsConversionIntl; none exists for mainland messages). */
  @Transform(toBoolean)
  @IsBoolean({ message: 'ALIYUN_SMS_REPORT_CONVERSION must be true or false' })
  ALIYUN_SMS_REPORT_CONVERSION = false;
}
