import { IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import {
  endpointUrl,
  MaxPerSecond,
  PlayTimes,
  requiredForVoiceBy,
  usedForVoiceBy,
} from '../provider-settings';

/**
 * Alibaba Cloud VMS (Dyvmsapi voice codes): required while `aliyun` is named in VOICE_PROVIDER
 * or VOICE_ROUTES. The AccessKey is the account's, ALIYUN_ACCESS_KEY_ID and _SECRET.
 */
export class AliyunVoiceSettings {
  /** The approved voice-code TTS template (`TtsCode`), e.g. `TTS_100001`. */
  @ValidateIf(usedForVoiceBy('aliyun'))
  @IsString(requiredForVoiceBy('ALIYUN_VOICE_TTS_CODE', 'aliyun'))
  @Matches(/^TTS_\d+$/, {
    message: 'ALIYUN_VOICE_TTS_CODE must be a TTS template id: TTS_ and digits',
  })
  ALIYUN_VOICE_TTS_CODE?: string;

  /** The template's variable the code fills (`TtsParam`'s key), `code` by default. */
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, {
    message: 'ALIYUN_VOICE_TTS_PARAM must be a template variable name (letters, digits, _)',
  })
  ALIYUN_VOICE_TTS_PARAM = 'code';

  /**
   * `CalledShowNumber`: the purchased number shown to the callee, in the dedicated (专属) mode;
   * unset in the common (公共) mode, where Aliyun picks one.
   */
  @IsOptional()
  @Matches(/^\d{5,20}$/, {
    message: 'ALIYUN_VOICE_CALLED_SHOW_NUMBER must be digits, e.g. 057188773344',
  })
  ALIYUN_VOICE_CALLED_SHOW_NUMBER?: string;

  /** How many times the call reads the template (`PlayTimes`). */
  @PlayTimes('ALIYUN_VOICE_PLAY_TIMES')
  ALIYUN_VOICE_PLAY_TIMES = 2;

  /** Only to point the client elsewhere (tests, a proxy); the real endpoint by default. */
  @IsOptional()
  @endpointUrl('ALIYUN_VOICE_ENDPOINT')
  ALIYUN_VOICE_ENDPOINT?: string;

  @MaxPerSecond('ALIYUN_VOICE_MAX_PER_SECOND')
  ALIYUN_VOICE_MAX_PER_SECOND?: number;
}
