import { GLYPH_HEIGHT, Glyph } from './bitmap-font';
import { RandomSource, randomBetween } from './random-source';
import { Wave, distortPolyline, randomWave } from './wave-distortion';

export interface PlacedGlyph {
  /** Flat pixel polylines (x0, y0, x1, y1, ...), already rotated, warped and fitted in the image. */
  readonly strokes: readonly number[][];
  readonly strokeWidth: number;
}

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface TextLayout {
  readonly glyphs: readonly PlacedGlyph[];
  /** Pixels per glyph grid unit; the other decorations are sized from it. */
  readonly unit: number;
  readonly strokeWidth: number;
  /** The warp applied to the text; noise curves follow it so they cannot be told apart by shape. */
  readonly wave: Wave;
  /** Where the strokes' centre lines ended up. */
  readonly textBox: Box;
}

/** Space between neighbouring glyphs, in grid units; rotation makes some of them touch. */
const GAP_UNITS = 1.2;
/** Room above and below a glyph for its rotation and vertical jitter, as a share of its height. */
const VERTICAL_ROOM = 1.3;
/** How far a glyph may move up or down from the middle line, in grid units. */
const MAX_VERTICAL_JITTER_UNITS = 1.2;
/** Largest ratio between the glyph scale along one axis and along the other. */
const MAX_STRETCH = 1.5;
/** Most space added between glyphs when the image is wider than the text needs, in grid units. */
const MAX_EXTRA_GAP_UNITS = 3;
const MAX_ROTATION_RADIANS = 0.35;
const STROKE_WIDTH_PER_UNIT = 0.55;
const MIN_STROKE_WIDTH = 1.6;
const WAVE_AMPLITUDE_PER_UNIT = 0.5;
/** Longest straight piece, in pixels, before the wave bends a stroke. */
const WAVE_STEP = 4;

export function layoutCaptchaText(
  glyphs: readonly Glyph[],
  width: number,
  height: number,
  random: RandomSource,
): TextLayout {
  const paddingX = width * 0.04 + 1;
  const paddingY = height * 0.05 + 1;
  const advanceUnits =
    glyphs.reduce((sum, glyph) => sum + glyph.width, 0) + GAP_UNITS * (glyphs.length - 1);
  const heightLimit = (height - 2 * paddingY) / (GLYPH_HEIGHT * VERTICAL_ROOM);
  const widthLimit = (width - 2 * paddingX) / advanceUnits;
  const unit = Math.min(heightLimit, widthLimit);
  // Very wide or very tall images stretch the glyphs a little rather than leave the room empty.
  const unitX = Math.min(widthLimit, unit * MAX_STRETCH);
  const unitY = Math.min(heightLimit, unit * MAX_STRETCH);
  const strokeWidth = Math.max(MIN_STROKE_WIDTH, unit * STROKE_WIDTH_PER_UNIT);
  const wave = randomWave(random, width, height, unit * WAVE_AMPLITUDE_PER_UNIT);
  const verticalJitter = Math.min(
    unitY * MAX_VERTICAL_JITTER_UNITS,
    Math.max(0, (height - unitY * GLYPH_HEIGHT) / 2 - paddingY),
  );

  // Wide images spread the glyphs out as well, so the text is not a small island in the middle.
  const spareWidth = width - 2 * paddingX - unitX * advanceUnits;
  const extraGap =
    glyphs.length > 1 ? Math.min(spareWidth / (glyphs.length - 1), unitX * MAX_EXTRA_GAP_UNITS) : 0;

  let cursorX = (width - unitX * advanceUnits - extraGap * (glyphs.length - 1)) / 2;
  const placed = glyphs.map((glyph) => {
    const centerX =
      cursorX + (unitX * glyph.width) / 2 + randomBetween(random, -0.15, 0.15) * unitX;
    const centerY = height / 2 + randomBetween(random, -1, 1) * verticalJitter;
    cursorX += unitX * (glyph.width + GAP_UNITS) + extraGap;
    const glyphStrokeWidth = strokeWidth * randomBetween(random, 0.9, 1.1);
    const strokes = transformGlyph(glyph, centerX, centerY, unitX, unitY, random).map((stroke) =>
      distortPolyline(stroke, wave, WAVE_STEP),
    );
    fitInside(strokes, width, height, glyphStrokeWidth / 2 + 1);
    return { strokes, strokeWidth: glyphStrokeWidth };
  });
  const textBox = boundingBox(placed.flatMap((glyph) => glyph.strokes));
  return { glyphs: placed, unit, strokeWidth, wave, textBox };
}

/** Scales, stretches, shears and rotates the glyph about its centre, placed at the given point. */
function transformGlyph(
  glyph: Glyph,
  centerX: number,
  centerY: number,
  unitX: number,
  unitY: number,
  random: RandomSource,
): number[][] {
  const size = randomBetween(random, 0.88, 1.08);
  const scale = unitY * size;
  const scaleX = unitX * size * randomBetween(random, 0.85, 1.15);
  const shear = randomBetween(random, -0.2, 0.2);
  const rotation = randomBetween(random, -MAX_ROTATION_RADIANS, MAX_ROTATION_RADIANS);
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  return glyph.strokes.map((stroke) => {
    const points: number[] = [];
    for (let i = 0; i < stroke.length; i += 2) {
      const localY = (stroke[i + 1] - GLYPH_HEIGHT / 2) * scale;
      const localX = (stroke[i] - glyph.width / 2) * scaleX + shear * localY;
      points.push(centerX + localX * cos - localY * sin, centerY + localX * sin + localY * cos);
    }
    return points;
  });
}

/** Shrinks (if needed) and moves the strokes so all of them lie `inset` pixels inside the image. */
function fitInside(strokes: number[][], width: number, height: number, inset: number): void {
  const { left, top, right, bottom } = boundingBox(strokes);
  const shrink = Math.min(
    1,
    (width - 2 * inset) / (right - left || 1),
    (height - 2 * inset) / (bottom - top || 1),
  );
  const centerX = (left + right) / 2;
  const centerY = (top + bottom) / 2;
  const halfWidth = ((right - left) * shrink) / 2;
  const halfHeight = ((bottom - top) * shrink) / 2;
  const targetX = clamp(centerX, inset + halfWidth, width - inset - halfWidth);
  const targetY = clamp(centerY, inset + halfHeight, height - inset - halfHeight);
  for (const stroke of strokes) {
    for (let i = 0; i < stroke.length; i += 2) {
      stroke[i] = targetX + (stroke[i] - centerX) * shrink;
      stroke[i + 1] = targetY + (stroke[i + 1] - centerY) * shrink;
    }
  }
}

function boundingBox(strokes: readonly number[][]): Box {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const stroke of strokes) {
    for (let i = 0; i < stroke.length; i += 2) {
      left = Math.min(left, stroke[i]);
      right = Math.max(right, stroke[i]);
      top = Math.min(top, stroke[i + 1]);
      bottom = Math.max(bottom, stroke[i + 1]);
    }
  }
  return { left, top, right, bottom };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
