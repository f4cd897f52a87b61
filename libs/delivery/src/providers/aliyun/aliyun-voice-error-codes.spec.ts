import { classifyAliyunVoiceErrorCode } from './aliyun-voice-error-codes';

describe('classifyAliyunVoiceErrorCode', () => {
  it.each([
    ['触发分钟级流控Permits:1', 'short'],
    ['触发小时级流控Permits:5', 'short'],
    ['触发天级流控Permits:20', 'daily'],
  ])('refuses the callee limit %s as the phone rate-limited (%s)', (message, window) => {
    expect(classifyAliyunVoiceErrorCode('isv.BUSINESS_LIMIT_CONTROL', message)).toEqual({
      reason: 'rate_limited',
      scope: 'message',
      window,
    });
  });

  it('refuses an illegal number as about the message', () => {
    expect(classifyAliyunVoiceErrorCode('isv.MOBILE_NUMBER_ILLEGAL', '')).toEqual({
      reason: 'invalid_number',
      scope: 'message',
    });
  });

  it.each([
    ['isv.TTS_TEMPLATE_ILLEGAL', 'template_not_approved'],
    ['isv.TEMPLATE_ILLEGAL', 'template_not_approved'],
    ['isv.TEMPLATE_MISSING_PARAMETERS', 'template_not_approved'],
    ['isv.TEMPLATE_PARAMS_ILLEGAL', 'template_not_approved'],
    ['isv.DISPLAY_NUMBER_ILLEGAL', 'balance_or_account'],
    ['isv.BILLID_NOT_EXIST', 'balance_or_account'],
    ['isv.PRODUCT_UN_SUBSCRIPT', 'balance_or_account'],
    ['isv.AMOUNT_NOT_ENOUGH', 'balance_or_account'],
    ['isv.OUT_OF_SERVICE', 'balance_or_account'],
    ['isv.COMPLAINT_REJECT', 'other'],
    ['isv.VOICE_CALL_FAIL', 'other'],
    ['isp.SYSTEM_ERROR', 'other'],
    ['SignatureDoesNotMatch', 'authentication_failed'],
    ['Throttling.User', 'rate_limited'],
  ])('refuses %s as %s at Aliyun only, so another provider may call', (code, reason) => {
    expect(classifyAliyunVoiceErrorCode(code, '')).toEqual({ reason, scope: 'provider' });
  });

  it.each(['isv.BLACK_KEY_CONTROL_LIMIT', 'isv.PARAM_LENGTH_LIMIT', 'isv.SOMETHING_NEW'])(
    'refuses %s without a specific reason, as about the message',
    (code) => {
      expect(classifyAliyunVoiceErrorCode(code, '')).toEqual({ reason: 'other', scope: 'message' });
    },
  );
});
