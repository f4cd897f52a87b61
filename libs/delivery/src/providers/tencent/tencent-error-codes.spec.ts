import { classifyTencentErrorCode } from './tencent-error-codes';

describe('classifyTencentErrorCode', () => {
  it.each([
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 'short'],
    ['LimitExceeded.PhoneNumberOneHourLimit', 'short'],
    ['LimitExceeded.DeliveryFrequencyLimit', 'short'],
    ['LimitExceeded.PhoneNumberDailyLimit', 'daily'],
    ['LimitExceeded.PhoneNumberSameContentDailyLimit', 'daily'],
  ])('refuses %s as the phone rate-limited (%s window), not to fail over', (code, window) => {
    expect(classifyTencentErrorCode(code)).toEqual({
      reason: 'rate_limited',
      scope: 'message',
      window,
    });
  });

  it.each([
    ['InvalidParameterValue.IncorrectPhoneNumber', 'invalid_number'],
    ['FailedOperation.SignatureIncorrectOrUnapproved', 'signature_not_approved'],
  ])('refuses %s as %s, a refusal any provider would repeat', (code, reason) => {
    expect(classifyTencentErrorCode(code)).toEqual({ reason, scope: 'message' });
  });

  it.each([
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'template_not_approved'],
    ['FailedOperation.TemplateParamSetNotMatchApprovedTemplate', 'template_not_approved'],
    ['FailedOperation.TemplateUnapprovedOrNotExist', 'template_not_approved'],
    ['FailedOperation.InsufficientBalanceInSmsPackage', 'balance_or_account'],
    ['UnauthorizedOperation.SerivceSuspendDueToArrears', 'balance_or_account'],
    ['AuthFailure.SignatureFailure', 'authentication_failed'],
    ['AuthFailure.SecretIdNotFound', 'authentication_failed'],
    ['LimitExceeded.AppDailyLimit', 'rate_limited'],
    ['RequestLimitExceeded', 'rate_limited'],
    ['InternalError', 'other'],
    ['InternalError.Timeout', 'other'],
    ['InternalError.OtherError', 'other'],
  ])('refuses %s as %s at Tencent only, so another provider may send', (code, reason) => {
    expect(classifyTencentErrorCode(code)).toEqual({ reason, scope: 'provider' });
  });

  it.each([
    'FailedOperation.PhoneNumberInBlacklist',
    'InvalidParameterValue.TemplateParameterFormatError',
    'SomethingNew.NeverSeen',
  ])('refuses %s without a specific reason, as about the message', (code) => {
    expect(classifyTencentErrorCode(code)).toEqual({ reason: 'other', scope: 'message' });
  });

  it('does not mistake a longer family name for InternalError', () => {
    expect(classifyTencentErrorCode('InternalErrorish').scope).toBe('message');
  });
});
