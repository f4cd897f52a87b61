import { classifyTencentErrorCode } from './tencent-error-codes';

describe('classifyTencentErrorCode', () => {
  it.each([
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 'too_frequent'],
    ['LimitExceeded.PhoneNumberOneHourLimit', 'too_frequent'],
    ['LimitExceeded.DeliveryFrequencyLimit', 'too_frequent'],
    ['LimitExceeded.PhoneNumberDailyLimit', 'daily_limit'],
    ['LimitExceeded.PhoneNumberSameContentDailyLimit', 'daily_limit'],
    ['InvalidParameterValue.IncorrectPhoneNumber', 'phone_invalid'],
    ['FailedOperation.SignatureIncorrectOrUnapproved', 'signature_not_approved'],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'template_not_approved'],
    ['FailedOperation.TemplateParamSetNotMatchApprovedTemplate', 'template_not_approved'],
    ['FailedOperation.TemplateUnapprovedOrNotExist', 'template_not_approved'],
  ])('rejects %s as %s', (code, reason) => {
    expect(classifyTencentErrorCode(code)).toEqual({ kind: 'rejected', reason });
  });

  it.each([
    'FailedOperation.InsufficientBalanceInSmsPackage',
    'UnauthorizedOperation.SerivceSuspendDueToArrears',
    'AuthFailure.SignatureFailure',
    'AuthFailure.SecretIdNotFound',
    'LimitExceeded.AppDailyLimit',
    'FailedOperation.PhoneNumberInBlacklist',
    'InvalidParameterValue.TemplateParameterFormatError',
    'SomethingNew.NeverSeen',
  ])('rejects %s without a specific reason', (code) => {
    expect(classifyTencentErrorCode(code)).toEqual({ kind: 'rejected', reason: 'other' });
  });

  it.each([
    'InternalError',
    'InternalError.Timeout',
    'InternalError.OtherError',
    'RequestLimitExceeded',
  ])('lets %s fail over as a server fault', (code) => {
    expect(classifyTencentErrorCode(code)).toEqual({ kind: 'server', reason: 'other' });
  });

  it('does not mistake a longer family name for InternalError', () => {
    expect(classifyTencentErrorCode('InternalErrorish').kind).toBe('rejected');
  });
});
