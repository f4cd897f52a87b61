import { RandomSource, randomBetween } from './random-source';

export type Rgb = readonly [red: number, green: number, blue: number];

/**
 * An RGBA image in row-major order with straight (not premultiplied) alpha. Shapes are drawn
 * with source-over blending; stroke edges get coverage-based anti-aliasing.
 */
export class Raster {
  readonly pixels: Uint8ClampedArray;
  /** Per-pixel pen coverage of the stroke being drawn, so overlapping segments do not darken joints. */
  private readonly coverage: Float32Array;
  /** Indices of the pixels with non-zero coverage, so compositing skips untouched ones. */
  private readonly touched: Int32Array;
  private touchedCount = 0;

  /** Starts fully transparent unless a background colour is given. */
  constructor(
    readonly width: number,
    readonly height: number,
    background?: Rgb,
  ) {
    this.pixels = new Uint8ClampedArray(width * height * 4);
    this.coverage = new Float32Array(width * height);
    this.touched = new Int32Array(width * height);
    if (background) this.fillLinearGradient(background, background, 0);
  }

  setPixel(x: number, y: number, color: Rgb, alpha = 1): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || alpha <= 0) return;
    this.blend((y * this.width + x) * 4, color, alpha);
  }

  fillRect(x: number, y: number, width: number, height: number, color: Rgb, alpha = 1): void {
    const left = Math.max(0, Math.floor(x));
    const top = Math.max(0, Math.floor(y));
    const right = Math.min(this.width, Math.ceil(x + width));
    const bottom = Math.min(this.height, Math.ceil(y + height));
    for (let row = top; row < bottom; row++) {
      for (let column = left; column < right; column++) {
        this.blend((row * this.width + column) * 4, color, alpha);
      }
    }
  }

  /** Fills the whole image with a linear gradient; `angle` is in radians, 0 running left to right. */
  fillLinearGradient(from: Rgb, to: Rgb, angle: number): void {
    const directionX = Math.cos(angle);
    const directionY = Math.sin(angle);
    const extent = Math.abs(directionX) * this.width + Math.abs(directionY) * this.height || 1;
    // t runs from 0 to 1 along the direction; it grows by a fixed step per pixel and per row.
    const stepX = directionX / extent;
    const stepY = directionY / extent;
    const rowStartT = 0.5 - (stepX * this.width + stepY * this.height) / 2;
    const [fromRed, fromGreen, fromBlue] = from;
    const deltaRed = to[0] - fromRed;
    const deltaGreen = to[1] - fromGreen;
    const deltaBlue = to[2] - fromBlue;
    const pixels = this.pixels;
    let offset = 0;
    for (let y = 0; y < this.height; y++) {
      let t = rowStartT + stepY * y;
      for (let x = 0; x < this.width; x++, t += stepX, offset += 4) {
        pixels[offset] = fromRed + deltaRed * t;
        pixels[offset + 1] = fromGreen + deltaGreen * t;
        pixels[offset + 2] = fromBlue + deltaBlue * t;
        pixels[offset + 3] = 255;
      }
    }
  }

  drawLine(
    fromX: number,
    fromY: number,
    toX: number,
    toY: number,
    thickness: number,
    color: Rgb,
    alpha = 1,
  ): void {
    this.strokePolyline([fromX, fromY, toX, toY], thickness, color, alpha);
  }

  /** Draws a thick polyline with round caps and joins; `points` is flat: x0, y0, x1, y1, ... */
  strokePolyline(points: ArrayLike<number>, thickness: number, color: Rgb, alpha = 1): void {
    const reach = thickness / 2 + 0.5;
    const pointCount = points.length >> 1;
    if (pointCount === 0) return;
    // A single point is drawn as a zero-length segment: a round dot.
    const segmentCount = Math.max(1, pointCount - 1);
    for (let i = 0; i < segmentCount; i++) {
      const next = Math.min(i + 1, pointCount - 1);
      const fromX = points[i * 2];
      const fromY = points[i * 2 + 1];
      const toX = points[next * 2];
      const toY = points[next * 2 + 1];
      const left = Math.max(0, Math.floor(Math.min(fromX, toX) - reach));
      const top = Math.max(0, Math.floor(Math.min(fromY, toY) - reach));
      const right = Math.min(this.width - 1, Math.ceil(Math.max(fromX, toX) + reach));
      const bottom = Math.min(this.height - 1, Math.ceil(Math.max(fromY, toY) + reach));
      if (left > right || top > bottom) continue;
      this.accumulateSegmentCoverage(fromX, fromY, toX, toY, reach, left, top, right, bottom);
    }
    this.compositeCoverage(color, alpha);
  }

  private accumulateSegmentCoverage(
    fromX: number,
    fromY: number,
    toX: number,
    toY: number,
    reach: number,
    left: number,
    top: number,
    right: number,
    bottom: number,
  ): void {
    const deltaX = toX - fromX;
    const deltaY = toY - fromY;
    const lengthSquared = deltaX * deltaX + deltaY * deltaY;
    const inverseLengthSquared = lengthSquared > 0 ? 1 / lengthSquared : 0;
    const reachSquared = reach * reach;
    const coverage = this.coverage;
    for (let y = top; y <= bottom; y++) {
      const centerY = y + 0.5;
      const rowOffset = y * this.width;
      for (let x = left; x <= right; x++) {
        const centerX = x + 0.5;
        let t = ((centerX - fromX) * deltaX + (centerY - fromY) * deltaY) * inverseLengthSquared;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const offsetX = fromX + t * deltaX - centerX;
        const offsetY = fromY + t * deltaY - centerY;
        const distanceSquared = offsetX * offsetX + offsetY * offsetY;
        if (distanceSquared >= reachSquared) continue;
        let amount = reach - Math.sqrt(distanceSquared);
        if (amount > 1) amount = 1;
        const index = rowOffset + x;
        const previous = coverage[index];
        if (previous === 0) this.touched[this.touchedCount++] = index;
        if (amount > previous) coverage[index] = amount;
      }
    }
  }

  private compositeCoverage(color: Rgb, alpha: number): void {
    const coverage = this.coverage;
    const touched = this.touched;
    for (let i = 0; i < this.touchedCount; i++) {
      const index = touched[i];
      this.blend(index * 4, color, coverage[index] * alpha);
      coverage[index] = 0;
    }
    this.touchedCount = 0;
  }

  private blend(offset: number, color: Rgb, alpha: number): void {
    const pixels = this.pixels;
    const sourceAlpha = alpha > 1 ? 1 : alpha;
    const destinationAlpha = pixels[offset + 3];
    if (destinationAlpha === 255) {
      // The common case, an opaque destination, is a plain interpolation.
      pixels[offset] += (color[0] - pixels[offset]) * sourceAlpha;
      pixels[offset + 1] += (color[1] - pixels[offset + 1]) * sourceAlpha;
      pixels[offset + 2] += (color[2] - pixels[offset + 2]) * sourceAlpha;
      return;
    }
    const keptAlpha = (destinationAlpha / 255) * (1 - sourceAlpha);
    const outAlpha = sourceAlpha + keptAlpha;
    if (outAlpha === 0) return;
    pixels[offset] = (color[0] * sourceAlpha + pixels[offset] * keptAlpha) / outAlpha;
    pixels[offset + 1] = (color[1] * sourceAlpha + pixels[offset + 1] * keptAlpha) / outAlpha;
    pixels[offset + 2] = (color[2] * sourceAlpha + pixels[offset + 2] * keptAlpha) / outAlpha;
    pixels[offset + 3] = outAlpha * 255;
  }
}

/** Scatters `count` square dots of `size` pixels in colours taken from `palette`. */
export function scatterSpeckles(
  raster: Raster,
  count: number,
  size: number,
  palette: readonly Rgb[],
  random: RandomSource,
): void {
  const { width, height } = raster;
  for (let i = 0; i < count; i++) {
    const position = Math.floor(random() * width * height);
    const color = palette[Math.floor(random() * palette.length)];
    const x = position % width;
    const y = (position - x) / width;
    const alpha = 0.35 + 0.55 * random();
    if (size === 1) raster.setPixel(x, y, color, alpha);
    else raster.fillRect(x, y, size, size, color, alpha);
  }
}

/** A random colour whose channels all lie in [min, max]. */
export function randomColor(random: RandomSource, min: number, max: number): Rgb {
  return [
    Math.round(randomBetween(random, min, max)),
    Math.round(randomBetween(random, min, max)),
    Math.round(randomBetween(random, min, max)),
  ];
}
