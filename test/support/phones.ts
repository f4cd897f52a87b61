import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newPhoneRun, PHONE_RUN_ENV, PhoneRun, phoneRunDirectory } from './phone-run';

const BLOCK_SIZE = 20_000;

/**
 * Each test file (a fresh module registry, in whichever Jest worker) claims its own block of
 * numbers: mkdir is atomic, so two files can never take the same block.
 */
function claimBlock(serialized: string): number {
  const directory = phoneRunDirectory(serialized);
  mkdirSync(directory, { recursive: true });
  for (let block = 0; ; block++) {
    try {
      mkdirSync(join(directory, String(block)));
      return block;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

const serializedRun = process.env[PHONE_RUN_ENV] ?? newPhoneRun();
const run = JSON.parse(serializedRun) as PhoneRun;
const first = run.base + claimBlock(serializedRun) * BLOCK_SIZE;
let used = 0;

/**
 * A fresh Chinese mobile number in E.164, distinct within the run across every test file
 * and worker, so each test owns its phones and never depends on another's state.
 */
export function uniqueCnPhone(): string {
  if (used >= BLOCK_SIZE) throw new Error(`A test file used more than ${BLOCK_SIZE} phones`);
  const number = (first + used++) % 100_000_000;
  return `+86${run.prefix}${String(number).padStart(8, '0')}`;
}
