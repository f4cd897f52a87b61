import { CAPTCHA_GLYPHS } from './bitmap-font';
import {
  CAPTCHA_ALPHABET,
  CAPTCHA_DEFAULT_TEXT_LENGTH,
  CAPTCHA_MAX_TEXT_LENGTH,
  randomCaptchaText,
} from './captcha-alphabet';

/** Characters that read as one another once warped, grouped by what they are mistaken for. */
const LOOK_ALIKES = ['0OoQD', '1Ili', '2Zz', '5Ss', '8B', 'uvUV', 'G6C', 'FE'];
/** The member of a group the alphabet keeps, where keeping one is safe. */
const KEPT = new Set(['6', 'C', 'E']);

describe('CAPTCHA_ALPHABET', () => {
  it('has no look-alike characters', () => {
    for (const character of LOOK_ALIKES.join('')) {
      if (!KEPT.has(character)) expect(CAPTCHA_ALPHABET).not.toContain(character);
    }
  });

  it('uses one case: upper-case letters and digits only, each once', () => {
    expect(CAPTCHA_ALPHABET).toMatch(/^[A-Z3-9]+$/);
    expect(new Set(CAPTCHA_ALPHABET).size).toBe(CAPTCHA_ALPHABET.length);
  });

  it('is large enough for 4 characters to give over 100 000 combinations', () => {
    expect(CAPTCHA_ALPHABET.length ** CAPTCHA_DEFAULT_TEXT_LENGTH).toBeGreaterThan(100_000);
  });

  it('has a glyph for every character', () => {
    for (const character of CAPTCHA_ALPHABET) {
      expect(CAPTCHA_GLYPHS[character]?.strokes.length).toBeGreaterThan(0);
    }
  });
});

describe('randomCaptchaText', () => {
  it('defaults to 4 characters of the alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const text = randomCaptchaText();
      expect(text).toHaveLength(4);
      for (const character of text) expect(CAPTCHA_ALPHABET).toContain(character);
    }
  });

  it('honours the requested length', () => {
    expect(randomCaptchaText(1)).toHaveLength(1);
    expect(randomCaptchaText(6)).toHaveLength(6);
    expect(randomCaptchaText(CAPTCHA_MAX_TEXT_LENGTH)).toHaveLength(CAPTCHA_MAX_TEXT_LENGTH);
  });

  it.each([0, -1, 2.5, CAPTCHA_MAX_TEXT_LENGTH + 1, Number.NaN])('rejects length %p', (length) => {
    expect(() => randomCaptchaText(length)).toThrow(RangeError);
  });

  it('draws every character about equally often', () => {
    const draws = 40_000;
    const counts = new Map<string, number>();
    for (let i = 0; i < draws / 4; i++) {
      for (const character of randomCaptchaText(4)) {
        counts.set(character, (counts.get(character) ?? 0) + 1);
      }
    }
    expect([...counts.keys()].sort()).toEqual([...CAPTCHA_ALPHABET].sort());
    const expected = draws / CAPTCHA_ALPHABET.length;
    // Over 4 standard deviations: a fair generator essentially never fails this.
    for (const count of counts.values()) {
      expect(Math.abs(count - expected)).toBeLessThan(expected * 0.1);
    }
  });

  it('rarely repeats a text', () => {
    const texts = new Set(Array.from({ length: 1000 }, () => randomCaptchaText()));
    expect(texts.size).toBeGreaterThan(980);
  });
});
