import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set by the global setup: one run's phones come from its own random range. */
export const PHONE_RUN_ENV = 'SMSAUTH_TEST_PHONE_RUN';

const PREFIXES = ['138', '139', '150', '186', '187', '135', '136', '137'];

export interface PhoneRun {
  id: string;
  prefix: string;
  base: number;
}

export function newPhoneRun(): string {
  const run: PhoneRun = {
    id: `${process.pid}-${Date.now()}-${randomInt(1e9)}`,
    prefix: PREFIXES[randomInt(PREFIXES.length)],
    base: randomInt(0, 50_000_000),
  };
  return JSON.stringify(run);
}

export function phoneRunDirectory(serialized: string): string {
  return join(tmpdir(), `smsauth-test-phones-${(JSON.parse(serialized) as PhoneRun).id}`);
}
