import { randomFillSync } from 'node:crypto';

/** Returns a float in [0, 1), like `Math.random`. */
export type RandomSource = () => number;

/**
 * A fast seeded generator (sfc32) for the noise and jitter of one image. The seed comes from
 * the OS so the decoration is unpredictable, while tests can pass a fixed seed to get
 * reproducible images. It never chooses the captcha text: that is `crypto.randomInt`'s job.
 */
export function createRandomSource(seed?: readonly number[]): RandomSource {
  const state = seed ? Uint32Array.from(seed.slice(0, 4)) : randomFillSync(new Uint32Array(4));
  let a = state[0] ?? 0;
  let b = state[1] ?? 0;
  let c = state[2] ?? 0;
  let d = state[3] ?? 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of sfc32 are poorly mixed for small seeds.
  for (let i = 0; i < 12; i++) next();
  return next;
}

export function randomBetween(random: RandomSource, min: number, max: number): number {
  return min + (max - min) * random();
}

/** An integer in [min, max], both inclusive. */
export function randomIntBetween(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
