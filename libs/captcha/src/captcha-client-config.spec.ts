import { smsCaptchaPolicy } from './captcha-client-config';

describe('smsCaptchaPolicy', () => {
  it('is always when SMS_REQUIRE_CAPTCHA is on, whatever SMS_CAPTCHA_AFTER says', () => {
    expect(smsCaptchaPolicy(true, 0)).toBe('always');
    expect(smsCaptchaPolicy(true, 5)).toBe('always');
  });

  it('is sometimes in the adaptive mode, without telling after how many requests', () => {
    expect(smsCaptchaPolicy(false, 1)).toBe('sometimes');
    expect(smsCaptchaPolicy(false, 1000)).toBe('sometimes');
  });

  it('is never when neither is set', () => {
    expect(smsCaptchaPolicy(false, 0)).toBe('never');
  });
});
