import { normalizeCaptchaAnswer } from './captcha-answer';

describe('normalizeCaptchaAnswer', () => {
  it('compares case-insensitively', () => {
    expect(normalizeCaptchaAnswer('k7xp')).toBe(normalizeCaptchaAnswer('K7XP'));
    expect(normalizeCaptchaAnswer('k7Xp')).toBe('K7XP');
  });

  it('ignores spaces around the answer but not inside it', () => {
    expect(normalizeCaptchaAnswer('  K7XP\t')).toBe('K7XP');
    expect(normalizeCaptchaAnswer('K7 XP')).toBe('K7 XP');
  });
});
