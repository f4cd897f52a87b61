import type { RefusalClass } from '../sms-provider';
import { classifyTencentErrorCode } from './tencent-error-codes';

/**
 * Codes of VMS 2020-09-02 (`SendCodeVoice`) with a known meaning, from the SDK's errors.go. VMS
 * has no per-number status: every refusal is `Response.Error`.
 */
const VOICE_REFUSALS: Readonly<Record<string, RefusalClass>> = {
  // 1 call per 30 s, 2 per 10 min, 3 a day per callee (and none at night): the phone's own
  // limits at Tencent, not to be dodged by failing over. The code does not tell which window.
  'LimitExceeded.DeliveryFrequencyLimit': {
    reason: 'rate_limited',
    scope: 'message',
    window: 'short',
  },
  'InvalidParameterValue.CalledNumberVerifyFail': { reason: 'invalid_number', scope: 'message' },
  'FailedOperation.InsufficientBalanceInVoicePackage': account(),
  'FailedOperation.PhonenumberUnappliedOrExpired': account(),
  'UnauthorizedOperation.ServiceSuspendDueToArrears': account(),
  'UnauthorizedOperation.SdkAppidIsDisabled': account(),
  'InvalidParameterValue.SdkAppidNotExist': authentication(),
  'UnauthorizedOperation.VoiceSdkAppidVerifyFail': authentication(),
  'FailedOperation.TemplateIncorrectOrUnapproved': {
    reason: 'template_not_approved',
    scope: 'provider',
  },
};

/**
 * How a Tencent VMS error code refuses a call. The API 3.0 common codes (`AuthFailure.*`,
 * `InternalError.*`, `RequestLimitExceeded`) mean what they mean for SMS; unknown codes are taken
 * as about the message, so a new code never causes a failover it should not.
 */
export function classifyTencentVoiceErrorCode(code: string): RefusalClass {
  return VOICE_REFUSALS[code] ?? classifyTencentErrorCode(code);
}

function account(): RefusalClass {
  return { reason: 'balance_or_account', scope: 'provider' };
}

function authentication(): RefusalClass {
  return { reason: 'authentication_failed', scope: 'provider' };
}
