import type { RefusalClass } from '../sms-provider';
import { classifyAliyunErrorCode } from './aliyun-error-codes';

/** Dyvmsapi `Code` values with a known meaning beyond those Dysmsapi shares. */
const VOICE_REFUSALS: Readonly<Record<string, RefusalClass>> = {
  // Our TTS template at Aliyun (its id, its variables): another provider may still call.
  'isv.TTS_TEMPLATE_ILLEGAL': template(),
  'isv.TEMPLATE_ILLEGAL': template(),
  'isv.TEMPLATE_MISSING_PARAMETERS': template(),
  'isv.TEMPLATE_PARAMS_ILLEGAL': template(),
  // The caller number (CalledShowNumber) and the product on our account.
  'isv.DISPLAY_NUMBER_ILLEGAL': account(),
  'isv.BILLID_NOT_EXIST': account(),
  'isv.PRODUCT_UN_SUBSCRIPT': account(),
  'isv.PRODUCT_UNSUBSCRIBE': account(),
  // An anti-harassment block of Aliyun's caller number, a call it could not start: its matter.
  'isv.COMPLAINT_REJECT': { reason: 'other', scope: 'provider' },
  'isv.VOICE_CALL_FAIL': { reason: 'other', scope: 'provider' },
};

/**
 * How a Dyvmsapi `Code` refuses a call. The codes it shares with Dysmsapi (the per-callee
 * `isv.BUSINESS_LIMIT_CONTROL` of 1 a minute, 5 an hour, 20 a day; `isv.MOBILE_NUMBER_ILLEGAL`;
 * the account, gateway and throttling codes) mean what they mean for SMS.
 */
export function classifyAliyunVoiceErrorCode(code: string, message: string): RefusalClass {
  return VOICE_REFUSALS[code] ?? classifyAliyunErrorCode(code, message);
}

function template(): RefusalClass {
  return { reason: 'template_not_approved', scope: 'provider' };
}

function account(): RefusalClass {
  return { reason: 'balance_or_account', scope: 'provider' };
}
