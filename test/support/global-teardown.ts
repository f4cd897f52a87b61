import { rmSync } from 'node:fs';
import { stopThrowawayServices } from './global-setup';
import { PHONE_RUN_ENV, phoneRunDirectory } from './phone-run';
import { checkRecordedResponses } from './response-contract-check';
import { RESPONSE_RECORD_ENV } from './response-recorder';

/**
 * Jest globalTeardown: holds what the app answered during the run against its OpenAPI document
 * (a problem fails the run), then stops whatever servers globalSetup started (none if URLs
 * were given).
 */
export default async function globalTeardown(): Promise<void> {
  const phoneRun = process.env[PHONE_RUN_ENV];
  if (phoneRun) rmSync(phoneRunDirectory(phoneRun), { recursive: true, force: true });
  const recordDir = process.env[RESPONSE_RECORD_ENV];
  const contract = recordDir ? checkRecordedResponses(recordDir) : undefined;
  await stopThrowawayServices();
  if (!recordDir || !contract) return;
  if (contract.problems.length > 0) {
    // Kept for a look at the answers; the message says where.
    throw new Error(
      `The app answered off its OpenAPI document (${contract.problems.length} problems; ` +
        `answers in ${recordDir}):\n  ${contract.problems.join('\n  ')}`,
    );
  }
  rmSync(recordDir, { recursive: true, force: true });
}
