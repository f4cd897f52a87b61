import { CAPTCHA_MAX_TEXT_LENGTH } from './captcha-alphabet';
import { drawNoiseCurves, sprinkleSpeckles } from './captcha-noise';
import {
  CAPTCHA_MAX_HEIGHT,
  CAPTCHA_MAX_WIDTH,
  CAPTCHA_MIN_HEIGHT,
  CAPTCHA_MIN_WIDTH,
  isCaptchaSizeAllowed,
} from './captcha-size';
import { layoutCaptchaText } from './captcha-text-layout';
import { CAPTCHA_GLYPHS, Glyph } from './bitmap-font';
import { encodePng } from './png-encoder';
import { Raster, randomColor } from './raster';
import { RandomSource, createRandomSource, randomBetween } from './random-source';

export interface CaptchaImageOptions {
  width: number;
  height: number;
  /** Source of the decoration's randomness; only tests pass one, to get reproducible images. */
  random?: RandomSource;
}

/**
 * Draws `text` (characters of `CAPTCHA_ALPHABET`, any case) as a distorted, noisy, opaque PNG.
 * Throws a RangeError for a size outside the `CAPTCHA_MIN_*`/`CAPTCHA_MAX_*` bounds or for
 * characters the font does not have.
 */
export function renderCaptchaPng(text: string, options: CaptchaImageOptions): Buffer {
  const { width, height } = options;
  if (!isCaptchaSizeAllowed(width, height)) {
    throw new RangeError(
      `Captcha size must be integers within ${CAPTCHA_MIN_WIDTH}-${CAPTCHA_MAX_WIDTH} x ` +
        `${CAPTCHA_MIN_HEIGHT}-${CAPTCHA_MAX_HEIGHT}, got ${width} x ${height}`,
    );
  }
  const glyphs = glyphsFor(text);
  const random = options.random ?? createRandomSource();

  const raster = new Raster(width, height);
  raster.fillLinearGradient(
    randomColor(random, 215, 250),
    randomColor(random, 215, 250),
    randomBetween(random, 0, 2 * Math.PI),
  );
  const layout = layoutCaptchaText(glyphs, width, height, random);
  for (const glyph of layout.glyphs) {
    const color = randomColor(random, 0, 110);
    for (const stroke of glyph.strokes) raster.strokePolyline(stroke, glyph.strokeWidth, color);
  }
  drawNoiseCurves(raster, random, layout.wave, layout.textBox, layout.strokeWidth);
  sprinkleSpeckles(raster, random, layout.unit);
  return encodePng(raster, { opaque: true });
}

function glyphsFor(text: string): Glyph[] {
  const characters = [...text.toUpperCase()];
  if (characters.length === 0 || characters.length > CAPTCHA_MAX_TEXT_LENGTH) {
    throw new RangeError(`Captcha text must have 1-${CAPTCHA_MAX_TEXT_LENGTH} characters`);
  }
  return characters.map((character) => {
    const glyph = CAPTCHA_GLYPHS[character];
    if (!glyph) throw new RangeError(`Captcha text has a character outside the alphabet`);
    return glyph;
  });
}
