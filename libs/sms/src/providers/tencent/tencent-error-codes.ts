import type { SmsProviderError, SmsRejectionReason } from '../sms-provider';

type SmsFailureClass = Pick<SmsProviderError, 'kind' | 'reason'>;

/** Codes that tell the client something specific (SendSms 2021-01-11 error list). */
const REJECTION_REASONS: Readonly<Record<string, SmsRejectionReason>> = {
  'LimitExceeded.PhoneNumberThirtySecondLimit': 'too_frequent',
  'LimitExceeded.PhoneNumberOneHourLimit': 'too_frequent',
  'LimitExceeded.DeliveryFrequencyLimit': 'too_frequent',
  'LimitExceeded.PhoneNumberDailyLimit': 'daily_limit',
  'LimitExceeded.PhoneNumberSameContentDailyLimit': 'daily_limit',
  'InvalidParameterValue.IncorrectPhoneNumber': 'phone_invalid',
  'FailedOperation.SignatureIncorrectOrUnapproved': 'signature_not_approved',
  'FailedOperation.TemplateIncorrectOrUnapproved': 'template_not_approved',
  'FailedOperation.TemplateParamSetNotMatchApprovedTemplate': 'template_not_approved',
  'FailedOperation.TemplateUnapprovedOrNotExist': 'template_not_approved',
};

/**
 * How a Tencent error code (request-level `Response.Error.Code` or a per-number
 * `SendStatusSet[i].Code`) fails a send. Server faults and our account's API rate limit
 * (`RequestLimitExceeded`) fail over; everything else, auth failures and account balance
 * included, is a rejection whose code is kept for the delivery record.
 */
export function classifyTencentErrorCode(code: string): SmsFailureClass {
  const reason = REJECTION_REASONS[code];
  if (reason !== undefined) return { kind: 'rejected', reason };
  if (isFamily(code, 'InternalError') || isFamily(code, 'RequestLimitExceeded')) {
    return { kind: 'server', reason: 'other' };
  }
  return { kind: 'rejected', reason: 'other' };
}

function isFamily(code: string, family: string): boolean {
  return code === family || code.startsWith(`${family}.`);
}
