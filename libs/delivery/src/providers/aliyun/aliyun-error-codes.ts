import type { RefusalClass } from '../sms-provider';

/** Codes with a known meaning (Dysmsapi `Code` values). */
const REFUSALS: Readonly<Record<string, RefusalClass>> = {
  'isv.MOBILE_NUMBER_ILLEGAL': { reason: 'invalid_number', scope: 'message' },
  'isv.SMS_SIGNATURE_ILLEGAL': signature(),
  'isv.SMS_SIGN_ILLEGAL': signature(),
  'isv.SIGN_STATE_ILLEGAL': signature(),
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': signature(),
  'isv.SMS_TEMPLATE_ILLEGAL': { reason: 'template_not_approved', scope: 'provider' },
  'isv.AMOUNT_NOT_ENOUGH': account(),
  'isv.OUT_OF_SERVICE': account(),
  'isv.ACCOUNT_NOT_EXISTS': account(),
  'isv.ACCOUNT_ABNORMAL': account(),
  'isp.RAM_PERMISSION_DENY': account(),
  SignatureDoesNotMatch: authentication(),
  IncompleteSignature: authentication(),
  'InvalidAccessKeyId.NotFound': authentication(),
  'InvalidAccessKeyId.Inactive': authentication(),
};

const SERVER_CODES = new Set(['ServiceUnavailable', 'InternalError', 'isp.SYSTEM_ERROR']);

/**
 * `isv.BUSINESS_LIMIT_CONTROL` covers the per-number minute, hour and day limits; only the
 * message tells them apart (`触发分钟级流控Permits:1`, `触发小时级流控Permits:5`,
 * `触发天级流控Permits:10`).
 */
const DAILY_LIMIT_MESSAGE = /天级|日级|day/i;

/**
 * How an Aliyun `Code` refuses a send. Aliyun's own faults, gateway throttling of our account
 * (`Throttling.*`), authentication and the account's state are this provider's matter (another
 * may send); unknown codes are taken as about the message, as before.
 */
export function classifyAliyunErrorCode(code: string, message: string): RefusalClass {
  if (code === 'isv.BUSINESS_LIMIT_CONTROL') {
    // The phone's own limits guard the user against floods: not to be dodged by failing over.
    const window = DAILY_LIMIT_MESSAGE.test(message) ? 'daily' : 'short';
    return { reason: 'rate_limited', scope: 'message', window };
  }
  const known = REFUSALS[code];
  if (known !== undefined) return known;
  if (SERVER_CODES.has(code) || code.startsWith('ServiceUnavailable.')) {
    return { reason: 'other', scope: 'provider' };
  }
  if (code === 'Throttling' || code.startsWith('Throttling.')) {
    return { reason: 'rate_limited', scope: 'provider' };
  }
  return { reason: 'other', scope: 'message' };
}

function signature(): RefusalClass {
  return { reason: 'signature_not_approved', scope: 'message' };
}

function account(): RefusalClass {
  return { reason: 'balance_or_account', scope: 'provider' };
}

function authentication(): RefusalClass {
  return { reason: 'authentication_failed', scope: 'provider' };
}
