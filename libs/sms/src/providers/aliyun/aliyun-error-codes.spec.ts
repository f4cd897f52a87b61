import { classifyAliyunErrorCode } from './aliyun-error-codes';

describe('classifyAliyunErrorCode', () => {
  it.each([
    ['isv.MOBILE_NUMBER_ILLEGAL', 'phone_invalid'],
    ['isv.SMS_SIGNATURE_ILLEGAL', 'signature_not_approved'],
    ['isv.SMS_SIGN_ILLEGAL', 'signature_not_approved'],
    ['isv.SIGN_STATE_ILLEGAL', 'signature_not_approved'],
    ['isv.SMS_TEMPLATE_ILLEGAL', 'template_not_approved'],
  ])('rejects %s as %s', (code, reason) => {
    expect(classifyAliyunErrorCode(code, 'message')).toEqual({ kind: 'rejected', reason });
  });

  it.each([
    ['触发分钟级流控Permits:1', 'too_frequent'],
    ['触发小时级流控Permits:5', 'too_frequent'],
    ['触发天级流控Permits:10', 'daily_limit'],
    ['triggers day-level flow control', 'daily_limit'],
  ])('tells the BUSINESS_LIMIT_CONTROL windows apart by message: %s', (message, reason) => {
    expect(classifyAliyunErrorCode('isv.BUSINESS_LIMIT_CONTROL', message)).toEqual({
      kind: 'rejected',
      reason,
    });
  });

  it.each([
    'isv.AMOUNT_NOT_ENOUGH',
    'isv.OUT_OF_SERVICE',
    'isv.DAY_LIMIT_CONTROL',
    'isv.TEMPLATE_MISSING_PARAMETERS',
    'SignatureDoesNotMatch',
    'InvalidAccessKeyId.NotFound',
    'isp.RAM_PERMISSION_DENY',
    'SomethingNew',
  ])('rejects %s without a specific reason', (code) => {
    expect(classifyAliyunErrorCode(code, '')).toEqual({ kind: 'rejected', reason: 'other' });
  });

  it.each([
    'ServiceUnavailable',
    'InternalError',
    'isp.SYSTEM_ERROR',
    'Throttling.User',
    'Throttling',
  ])('lets %s fail over as a server fault', (code) => {
    expect(classifyAliyunErrorCode(code, '')).toEqual({ kind: 'server', reason: 'other' });
  });
});
