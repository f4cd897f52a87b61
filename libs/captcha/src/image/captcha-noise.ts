import { Raster, randomColor, scatterSpeckles } from './raster';
import { RandomSource, randomBetween, randomIntBetween } from './random-source';
import { Box } from './captcha-text-layout';
import { Wave, distortPolyline } from './wave-distortion';

/** Longest straight piece of a noise curve, in pixels, before the wave bends it. */
const CURVE_SAMPLE_STEP = 4;
/** Half dark, half light colours, drawn once per image so each speckle costs few random draws. */
const SPECKLE_PALETTE_SIZE = 12;

/**
 * Draws 3-6 lines and curves across the text. They are thinner than the text so a human still
 * reads through them, but warped by the same wave so software cannot filter them by shape.
 */
export function drawNoiseCurves(
  raster: Raster,
  random: RandomSource,
  wave: Wave,
  textBox: Box,
  textStrokeWidth: number,
): void {
  const textWidth = textBox.right - textBox.left;
  const textHeight = textBox.bottom - textBox.top;
  const count = randomIntBetween(random, 3, 6);
  for (let i = 0; i < count; i++) {
    const fromX = Math.max(0, textBox.left + randomBetween(random, -0.2, 0.15) * textWidth);
    const toX = Math.min(
      raster.width,
      textBox.right + randomBetween(random, -0.15, 0.2) * textWidth,
    );
    const fromY = textBox.top + randomBetween(random, 0.1, 0.9) * textHeight;
    const toY = textBox.top + randomBetween(random, 0.1, 0.9) * textHeight;
    const straight = random() < 0.4;
    const controlY1 = straight
      ? fromY
      : textBox.top + randomBetween(random, -0.4, 1.4) * textHeight;
    const controlY2 = straight ? toY : textBox.top + randomBetween(random, -0.4, 1.4) * textHeight;
    const points = sampleCubic(
      [fromX, fromY],
      [fromX + (toX - fromX) / 3, controlY1],
      [fromX + ((toX - fromX) * 2) / 3, controlY2],
      [toX, toY],
    );
    const thickness = Math.max(0.6, textStrokeWidth * randomBetween(random, 0.25, 0.45));
    raster.strokePolyline(
      distortPolyline(points, wave, CURVE_SAMPLE_STEP),
      thickness,
      randomColor(random, 50, 160),
      randomBetween(random, 0.55, 0.85),
    );
  }
}

/** Dark and light dots over everything, covering about a twentieth of the image. */
export function sprinkleSpeckles(raster: Raster, random: RandomSource, unit: number): void {
  const size = Math.max(1, Math.round(unit / 7));
  const count = Math.round((raster.width * raster.height) / (20 * size * size));
  const palette = Array.from({ length: SPECKLE_PALETTE_SIZE }, (_, index) =>
    index % 2 === 0 ? randomColor(random, 30, 150) : randomColor(random, 190, 255),
  );
  scatterSpeckles(raster, count, size, palette, random);
}

type Point = readonly [x: number, y: number];

function sampleCubic(start: Point, control1: Point, control2: Point, end: Point): number[] {
  const steps = Math.max(2, Math.ceil(Math.hypot(end[0] - start[0], end[1] - start[1]) / 12));
  const points: number[] = [];
  for (let step = 0; step <= steps; step++) {
    const t = step / steps;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    points.push(
      a * start[0] + b * control1[0] + c * control2[0] + d * end[0],
      a * start[1] + b * control1[1] + c * control2[1] + d * end[1],
    );
  }
  return points;
}
