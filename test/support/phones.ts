import { randomInt } from 'node:crypto';

let sequence = randomInt(0, 1_000_000);

/**
 * A fresh Chinese mobile number in E.164, distinct within the run, so each test
 * owns its phones and never depends on another's state.
 */
export function uniqueCnPhone(): string {
  sequence = (sequence + 1) % 100_000_000;
  const prefixes = ['138', '139', '150', '186', '187', '135', '136', '137'];
  const prefix = prefixes[randomInt(prefixes.length)];
  return `+86${prefix}${String(sequence).padStart(8, '0')}`;
}
