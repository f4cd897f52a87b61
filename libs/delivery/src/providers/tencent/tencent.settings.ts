import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MinLength, ValidateIf } from 'class-validator';
import {
  endpointUrl,
  MaxPerSecond,
  requiredBy,
  requiredOnAnyChannelBy,
  usedBy,
  usedOnAnyChannelBy,
} from '../provider-settings';
import { toBoolean } from '@app/config';

/**
 * Tencent Cloud SMS: required while `tencent` is named in SMS_PROVIDER or SMS_ROUTES. The
 * account's credentials serve its voice calls too (`tencent-voice.settings.ts`).
 */
export class TencentSettings {
  @ValidateIf(usedOnAnyChannelBy('tencent'))
  @IsString(requiredOnAnyChannelBy('TENCENT_SECRET_ID', 'tencent'))
  @MinLength(1, requiredOnAnyChannelBy('TENCENT_SECRET_ID', 'tencent'))
  TENCENT_SECRET_ID?: string;

  @ValidateIf(usedOnAnyChannelBy('tencent'))
  @IsString(requiredOnAnyChannelBy('TENCENT_SECRET_KEY', 'tencent'))
  @MinLength(1, requiredOnAnyChannelBy('TENCENT_SECRET_KEY', 'tencent'))
  TENCENT_SECRET_KEY?: string;

  /** `SmsSdkAppId`, e.g. `1400006666`. */
  @ValidateIf(usedBy('tencent'))
  @IsString(requiredBy('TENCENT_SMS_SDK_APP_ID', 'tencent'))
  @Matches(/^\d{1,20}$/, { message: 'TENCENT_SMS_SDK_APP_ID must be the digits of SmsSdkAppId' })
  TENCENT_SMS_SDK_APP_ID?: string;

  @IsString()
  @Matches(/^[a-z]+(-[a-z]+)+$/, { message: 'TENCENT_SMS_REGION must look like ap-guangzhou' })
  TENCENT_SMS_REGION = 'ap-guangzhou';

  /** Only to point the client elsewhere (tests, a proxy); the real endpoint by default. */
  @IsOptional()
  @endpointUrl('TENCENT_SMS_ENDPOINT')
  TENCENT_SMS_ENDPOINT?: string;

  @MaxPerSecond('TENCENT_MAX_PER_SECOND')
  TENCENT_MAX_PER_SECOND?: number;

  /** Reports verified codes to Tencent (ReportConversion; allowlisted accounts only: ask Tencent first). */
  @Transform(toBoolean)
  @IsBoolean({ message: 'TENCENT_SMS_REPORT_CONVERSION must be true or false' })
  TENCENT_SMS_REPORT_CONVERSION = false;
}
