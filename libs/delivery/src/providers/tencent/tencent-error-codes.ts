import type { RefusalClass } from '../sms-provider';

/** Codes with a known meaning (SendSms 2021-01-11 error list). */
const REFUSALS: Readonly<Record<string, RefusalClass>> = {
  // The phone's own limits at Tencent guard the user against floods: not to be dodged by
  // failing over.
  'LimitExceeded.PhoneNumberThirtySecondLimit': phoneLimit('short'),
  'LimitExceeded.PhoneNumberOneHourLimit': phoneLimit('short'),
  'LimitExceeded.DeliveryFrequencyLimit': phoneLimit('short'),
  'LimitExceeded.PhoneNumberDailyLimit': phoneLimit('daily'),
  'LimitExceeded.PhoneNumberSameContentDailyLimit': phoneLimit('daily'),
  'InvalidParameterValue.IncorrectPhoneNumber': { reason: 'invalid_number', scope: 'message' },
  'FailedOperation.SignatureIncorrectOrUnapproved': {
    reason: 'signature_not_approved',
    scope: 'message',
  },
  'FailedOperation.TemplateIncorrectOrUnapproved': templateAtTencent(),
  'FailedOperation.TemplateParamSetNotMatchApprovedTemplate': templateAtTencent(),
  'FailedOperation.TemplateUnapprovedOrNotExist': templateAtTencent(),
  'FailedOperation.InsufficientBalanceInSmsPackage': account(),
  'UnauthorizedOperation.SerivceSuspendDueToArrears': account(),
  'LimitExceeded.AppDailyLimit': { reason: 'rate_limited', scope: 'provider' },
};

/**
 * How a Tencent error code (request-level `Response.Error.Code` or a per-number
 * `SendStatusSet[i].Code`) refuses a send. Tencent's own faults, our account's API rate limit
 * (`RequestLimitExceeded`), authentication and the account's state are this provider's
 * matter (another may send); unknown codes are taken as about the message, as before.
 */
export function classifyTencentErrorCode(code: string): RefusalClass {
  const known = REFUSALS[code];
  if (known !== undefined) return known;
  if (isFamily(code, 'InternalError')) return { reason: 'other', scope: 'provider' };
  if (isFamily(code, 'RequestLimitExceeded')) return { reason: 'rate_limited', scope: 'provider' };
  if (isFamily(code, 'AuthFailure')) return { reason: 'authentication_failed', scope: 'provider' };
  return { reason: 'other', scope: 'message' };
}

function phoneLimit(window: 'short' | 'daily'): RefusalClass {
  return { reason: 'rate_limited', scope: 'message', window };
}

function templateAtTencent(): RefusalClass {
  return { reason: 'template_not_approved', scope: 'provider' };
}

function account(): RefusalClass {
  return { reason: 'balance_or_account', scope: 'provider' };
}

function isFamily(code: string, family: string): boolean {
  return code === family || code.startsWith(`${family}.`);
}
