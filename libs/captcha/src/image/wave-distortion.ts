import { RandomSource, randomBetween } from './random-source';

/** Two sine displacements: rows shift sideways along y, columns shift up and down along x. */
export interface Wave {
  readonly amplitudeX: number;
  readonly amplitudeY: number;
  readonly frequencyX: number;
  readonly frequencyY: number;
  readonly phaseX: number;
  readonly phaseY: number;
}

export function randomWave(
  random: RandomSource,
  width: number,
  height: number,
  amplitude: number,
): Wave {
  return {
    amplitudeX: amplitude * randomBetween(random, 0.4, 0.8),
    amplitudeY: amplitude * randomBetween(random, 0.7, 1.1),
    frequencyX: (2 * Math.PI) / (height * randomBetween(random, 0.9, 1.6)),
    frequencyY: (2 * Math.PI) / (width * randomBetween(random, 0.35, 0.7)),
    phaseX: randomBetween(random, 0, 2 * Math.PI),
    phaseY: randomBetween(random, 0, 2 * Math.PI),
  };
}

/**
 * Splits a flat polyline (x0, y0, x1, y1, ...) into pieces at most `maxStep` pixels long and
 * displaces every point, so straight strokes come out curved.
 */
export function distortPolyline(points: readonly number[], wave: Wave, maxStep: number): number[] {
  const out: number[] = [];
  const push = (x: number, y: number): void => {
    out.push(
      x + wave.amplitudeX * Math.sin(y * wave.frequencyX + wave.phaseX),
      y + wave.amplitudeY * Math.sin(x * wave.frequencyY + wave.phaseY),
    );
  };
  push(points[0], points[1]);
  for (let i = 2; i < points.length; i += 2) {
    const fromX = points[i - 2];
    const fromY = points[i - 1];
    const toX = points[i];
    const toY = points[i + 1];
    const steps = Math.max(1, Math.ceil(Math.hypot(toX - fromX, toY - fromY) / maxStep));
    for (let step = 1; step <= steps; step++) {
      const t = step / steps;
      push(fromX + (toX - fromX) * t, fromY + (toY - fromY) * t);
    }
  }
  return out;
}
