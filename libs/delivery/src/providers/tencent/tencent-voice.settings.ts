import { IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import {
  endpointUrl,
  MaxPerSecond,
  PlayTimes,
  requiredForVoiceBy,
  usedForVoiceBy,
} from '../provider-settings';

/**
 * Tencent Cloud VMS (voice codes): required while `tencent` is named in VOICE_PROVIDER or
 * VOICE_ROUTES. The credentials are the account's, TENCENT_SECRET_ID and TENCENT_SECRET_KEY.
 */
export class TencentVoiceSettings {
  /** `VoiceSdkAppid` of the VMS console's application, e.g. `1400006666` (not the SMS one). */
  @ValidateIf(usedForVoiceBy('tencent'))
  @IsString(requiredForVoiceBy('TENCENT_VMS_SDK_APP_ID', 'tencent'))
  @Matches(/^\d{1,20}$/, { message: 'TENCENT_VMS_SDK_APP_ID must be the digits of VoiceSdkAppid' })
  TENCENT_VMS_SDK_APP_ID?: string;

  @IsString()
  @Matches(/^[a-z]+(-[a-z]+)+$/, { message: 'TENCENT_VMS_REGION must look like ap-guangzhou' })
  TENCENT_VMS_REGION = 'ap-guangzhou';

  /** How many times the call reads the code (`PlayTimes`). */
  @PlayTimes('TENCENT_VMS_PLAY_TIMES')
  TENCENT_VMS_PLAY_TIMES = 2;

  /** Only to point the client elsewhere (tests, a proxy); the real endpoint by default. */
  @IsOptional()
  @endpointUrl('TENCENT_VMS_ENDPOINT')
  TENCENT_VMS_ENDPOINT?: string;

  @MaxPerSecond('TENCENT_VMS_MAX_PER_SECOND')
  TENCENT_VMS_MAX_PER_SECOND?: number;
}
