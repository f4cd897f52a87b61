import type { SmsProviderError, SmsRejectionReason } from '../sms-provider';

type SmsFailureClass = Pick<SmsProviderError, 'kind' | 'reason'>;

/** Codes that tell the client something specific (Dysmsapi `Code` values). */
const REJECTION_REASONS: Readonly<Record<string, SmsRejectionReason>> = {
  'isv.MOBILE_NUMBER_ILLEGAL': 'phone_invalid',
  'isv.SMS_SIGNATURE_ILLEGAL': 'signature_not_approved',
  'isv.SMS_SIGN_ILLEGAL': 'signature_not_approved',
  'isv.SIGN_STATE_ILLEGAL': 'signature_not_approved',
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': 'signature_not_approved',
  'isv.SMS_TEMPLATE_ILLEGAL': 'template_not_approved',
};

const SERVER_CODES = new Set(['ServiceUnavailable', 'InternalError', 'isp.SYSTEM_ERROR']);

/**
 * `isv.BUSINESS_LIMIT_CONTROL` covers the per-number minute, hour and day limits; only the
 * message tells them apart (`触发分钟级流控Permits:1`, `触发小时级流控Permits:5`,
 * `触发天级流控Permits:10`).
 */
const DAILY_LIMIT_MESSAGE = /天级|日级|day/i;

/**
 * How an Aliyun `Code` fails a send. Server faults and gateway throttling of our account
 * (`Throttling.*`) fail over; everything else, signature mismatches and account balance
 * included, is a rejection whose code is kept for the delivery record.
 */
export function classifyAliyunErrorCode(code: string, message: string): SmsFailureClass {
  if (code === 'isv.BUSINESS_LIMIT_CONTROL') {
    return {
      kind: 'rejected',
      reason: DAILY_LIMIT_MESSAGE.test(message) ? 'daily_limit' : 'too_frequent',
    };
  }
  const reason = REJECTION_REASONS[code];
  if (reason !== undefined) return { kind: 'rejected', reason };
  if (SERVER_CODES.has(code) || code.startsWith('ServiceUnavailable.') || isThrottling(code)) {
    return { kind: 'server', reason: 'other' };
  }
  return { kind: 'rejected', reason: 'other' };
}

function isThrottling(code: string): boolean {
  return code === 'Throttling' || code.startsWith('Throttling.');
}
