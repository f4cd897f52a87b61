import { classifyAliyunErrorCode } from './aliyun-error-codes';

describe('classifyAliyunErrorCode', () => {
  it.each([
    ['isv.MOBILE_NUMBER_ILLEGAL', 'invalid_number'],
    ['isv.SMS_SIGNATURE_ILLEGAL', 'signature_not_approved'],
    ['isv.SMS_SIGN_ILLEGAL', 'signature_not_approved'],
    ['isv.SIGN_STATE_ILLEGAL', 'signature_not_approved'],
  ])('refuses %s as %s, a refusal any provider would repeat', (code, reason) => {
    expect(classifyAliyunErrorCode(code, 'message')).toEqual({ reason, scope: 'message' });
  });

  it.each([
    ['触发分钟级流控Permits:1', 'short'],
    ['触发小时级流控Permits:5', 'short'],
    ['触发天级流控Permits:10', 'daily'],
    ['triggers day-level flow control', 'daily'],
  ])('tells the BUSINESS_LIMIT_CONTROL windows apart by message: %s', (message, window) => {
    expect(classifyAliyunErrorCode('isv.BUSINESS_LIMIT_CONTROL', message)).toEqual({
      reason: 'rate_limited',
      scope: 'message',
      window,
    });
  });

  it.each([
    ['isv.SMS_TEMPLATE_ILLEGAL', 'template_not_approved'],
    ['isv.AMOUNT_NOT_ENOUGH', 'balance_or_account'],
    ['isv.OUT_OF_SERVICE', 'balance_or_account'],
    ['isp.RAM_PERMISSION_DENY', 'balance_or_account'],
    ['SignatureDoesNotMatch', 'authentication_failed'],
    ['InvalidAccessKeyId.NotFound', 'authentication_failed'],
    ['ServiceUnavailable', 'other'],
    ['InternalError', 'other'],
    ['isp.SYSTEM_ERROR', 'other'],
    ['Throttling.User', 'rate_limited'],
    ['Throttling', 'rate_limited'],
  ])('refuses %s as %s at Aliyun only, so another provider may send', (code, reason) => {
    expect(classifyAliyunErrorCode(code, '')).toEqual({ reason, scope: 'provider' });
  });

  it.each(['isv.DAY_LIMIT_CONTROL', 'isv.TEMPLATE_MISSING_PARAMETERS', 'SomethingNew'])(
    'refuses %s without a specific reason, as about the message',
    (code) => {
      expect(classifyAliyunErrorCode(code, '')).toEqual({ reason: 'other', scope: 'message' });
    },
  );
});
