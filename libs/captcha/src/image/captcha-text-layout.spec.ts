import { CAPTCHA_GLYPHS } from './bitmap-font';
import { CAPTCHA_MAX_TEXT_LENGTH, randomCaptchaText } from './captcha-alphabet';
import {
  CAPTCHA_MAX_HEIGHT,
  CAPTCHA_MAX_WIDTH,
  CAPTCHA_MIN_HEIGHT,
  CAPTCHA_MIN_WIDTH,
} from './captcha-size';
import { layoutCaptchaText } from './captcha-text-layout';
import { createRandomSource } from './random-source';

const SIZES = [
  [CAPTCHA_MIN_WIDTH, CAPTCHA_MIN_HEIGHT],
  [CAPTCHA_MIN_WIDTH, CAPTCHA_MAX_HEIGHT],
  [CAPTCHA_MAX_WIDTH, CAPTCHA_MIN_HEIGHT],
  [CAPTCHA_MAX_WIDTH, CAPTCHA_MAX_HEIGHT],
  [100, 40],
  [73, 61],
];

describe('layoutCaptchaText', () => {
  it.each(SIZES)('keeps every stroke, pen width included, inside %i x %i', (width, height) => {
    let smallestClearance = Infinity;
    for (let seed = 1; seed <= 300; seed++) {
      const length = seed % 10 === 0 ? CAPTCHA_MAX_TEXT_LENGTH : 4;
      const glyphs = [...randomCaptchaText(length)].map((character) => CAPTCHA_GLYPHS[character]);
      const layout = layoutCaptchaText(glyphs, width, height, createRandomSource([seed, 9, 9, 9]));
      for (const glyph of layout.glyphs) {
        const halfPen = glyph.strokeWidth / 2;
        for (const stroke of glyph.strokes) {
          for (let i = 0; i < stroke.length; i += 2) {
            const [x, y] = [stroke[i], stroke[i + 1]];
            const clearance = Math.min(x, width - x, y, height - y) - halfPen;
            smallestClearance = Math.min(smallestClearance, clearance);
          }
        }
      }
    }
    expect(smallestClearance).toBeGreaterThanOrEqual(0);
  });

  it('keeps the glyphs in reading order', () => {
    const glyphs = [...'ACEHJKLM'].map((character) => CAPTCHA_GLYPHS[character]);
    const layout = layoutCaptchaText(glyphs, 200, 80, createRandomSource([5, 6, 7, 8]));
    const centers = layout.glyphs.map((glyph) => {
      const xs = glyph.strokes.flatMap((stroke) => stroke.filter((_, index) => index % 2 === 0));
      return (Math.min(...xs) + Math.max(...xs)) / 2;
    });
    expect(centers).toEqual([...centers].sort((a, b) => a - b));
  });
});
