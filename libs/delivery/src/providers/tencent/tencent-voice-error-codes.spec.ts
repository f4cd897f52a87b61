import { classifyTencentVoiceErrorCode } from './tencent-voice-error-codes';

describe('classifyTencentVoiceErrorCode', () => {
  it("refuses a callee's frequency limit as the phone rate-limited, not to fail over", () => {
    expect(classifyTencentVoiceErrorCode('LimitExceeded.DeliveryFrequencyLimit')).toEqual({
      reason: 'rate_limited',
      scope: 'message',
      window: 'short',
    });
  });

  it('refuses a callee number it cannot call as an invalid number', () => {
    expect(classifyTencentVoiceErrorCode('InvalidParameterValue.CalledNumberVerifyFail')).toEqual({
      reason: 'invalid_number',
      scope: 'message',
    });
  });

  it.each([
    ['FailedOperation.InsufficientBalanceInVoicePackage', 'balance_or_account'],
    ['FailedOperation.PhonenumberUnappliedOrExpired', 'balance_or_account'],
    ['UnauthorizedOperation.ServiceSuspendDueToArrears', 'balance_or_account'],
    ['UnauthorizedOperation.SdkAppidIsDisabled', 'balance_or_account'],
    ['InvalidParameterValue.SdkAppidNotExist', 'authentication_failed'],
    ['UnauthorizedOperation.VoiceSdkAppidVerifyFail', 'authentication_failed'],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'template_not_approved'],
    ['AuthFailure.SignatureFailure', 'authentication_failed'],
    ['InternalError.AccessUpstreamTimeout', 'other'],
    ['InternalError.UpstreamError', 'other'],
    ['RequestLimitExceeded', 'rate_limited'],
  ])('refuses %s as %s at Tencent only, so another provider may call', (code, reason) => {
    expect(classifyTencentVoiceErrorCode(code)).toEqual({ reason, scope: 'provider' });
  });

  it.each([
    'FailedOperation.ContainSensitiveWord',
    'FailedOperation.InvalidParameters',
    'UnsupportedOperation',
    'SomethingNew.NeverSeen',
  ])('refuses %s without a specific reason, as about the message', (code) => {
    expect(classifyTencentVoiceErrorCode(code)).toEqual({ reason: 'other', scope: 'message' });
  });
});
