/**
 * An open polyline the pen follows without lifting, as flat grid coordinates x0, y0, x1, y1, ...
 * x grows rightwards and y downwards from the glyph's top-left corner.
 */
export type GlyphStroke = readonly number[];

export interface Glyph {
  /** Advance width in grid units; the height is always `GLYPH_HEIGHT`. */
  readonly width: number;
  readonly strokes: readonly GlyphStroke[];
}

export const GLYPH_HEIGHT = 6;

function glyph(width: number, ...strokes: GlyphStroke[]): Glyph {
  return { width, strokes };
}

/** Points along an ellipse; angles in degrees, 0 pointing right and 90 pointing down. */
function arc(
  centerX: number,
  centerY: number,
  radiusX: number,
  radiusY: number,
  fromDegrees: number,
  toDegrees: number,
): number[] {
  const segments = Math.max(2, Math.ceil(Math.abs(toDegrees - fromDegrees) / 22.5));
  const points: number[] = [];
  for (let i = 0; i <= segments; i++) {
    const angle = ((fromDegrees + ((toDegrees - fromDegrees) * i) / segments) * Math.PI) / 180;
    points.push(centerX + radiusX * Math.cos(angle), centerY + radiusY * Math.sin(angle));
  }
  return points;
}

function rotateHalfTurn({ width, strokes }: Glyph): Glyph {
  const rotated = strokes.map((stroke) =>
    stroke.map((value, index) => (index % 2 === 0 ? width - value : GLYPH_HEIGHT - value)),
  );
  return glyph(width, ...rotated);
}

const P_BOWL = [0, 6, 0, 0, 2.3, 0, ...arc(2.3, 1.6, 1.7, 1.6, -90, 90), 0, 3.2];
const SIX = glyph(4, [...arc(4, 4.3, 4, 4.3, -100, -180), ...arc(2, 4.3, 2, 1.7, 180, 540)]);

/** Stroke outlines on a 4-5 x 6 grid for every character of `CAPTCHA_ALPHABET`. */
export const CAPTCHA_GLYPHS: Readonly<Record<string, Glyph>> = {
  A: glyph(4, [0, 6, 2, 0, 4, 6], [0.7, 4, 3.3, 4]),
  C: glyph(4, arc(2.2, 3, 2.2, 3, -40, -320)),
  E: glyph(3.6, [3.6, 0, 0, 0, 0, 6, 3.6, 6], [0, 3, 3, 3]),
  H: glyph(4, [0, 0, 0, 6], [4, 0, 4, 6], [0, 3, 4, 3]),
  J: glyph(3.6, [1.4, 0, 3.6, 0, 3.6, 4.4, ...arc(1.8, 4.4, 1.8, 1.6, 0, 170)]),
  K: glyph(4, [0, 0, 0, 6], [4, 0, 0, 4], [1.4, 2.6, 4, 6]),
  L: glyph(3.6, [0, 0, 0, 6, 3.6, 6]),
  M: glyph(5, [0, 6, 0, 0, 2.5, 4, 5, 0, 5, 6]),
  N: glyph(4, [0, 6, 0, 0, 4, 6, 4, 0]),
  P: glyph(4, P_BOWL),
  R: glyph(4, P_BOWL, [2, 3.2, 4, 6]),
  T: glyph(4, [0, 0, 4, 0], [2, 0, 2, 6]),
  W: glyph(5.4, [0, 0, 1.35, 6, 2.7, 1.8, 4.05, 6, 5.4, 0]),
  X: glyph(4, [0, 0, 4, 6], [4, 0, 0, 6]),
  Y: glyph(4, [0, 0, 2, 3, 4, 0], [2, 3, 2, 6]),
  '3': glyph(4, [...arc(2, 1.5, 1.9, 1.5, -160, 90), 1.2, 3], arc(2, 4.5, 2, 1.5, -90, 160)),
  '4': glyph(4, [3, 6, 3, 0, 0, 4.2, 4, 4.2]),
  '6': SIX,
  '7': glyph(4, [0, 0, 4, 0, 1.4, 6]),
  '9': rotateHalfTurn(SIX),
};
