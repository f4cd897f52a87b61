import { rmSync } from 'node:fs';
import { stopThrowawayServices } from './global-setup';
import { PHONE_RUN_ENV, phoneRunDirectory } from './phone-run';

/** Jest globalTeardown: stops whatever servers globalSetup started (none if URLs were given). */
export default async function globalTeardown(): Promise<void> {
  const phoneRun = process.env[PHONE_RUN_ENV];
  if (phoneRun) rmSync(phoneRunDirectory(phoneRun), { recursive: true, force: true });
  await stopThrowawayServices();
}
