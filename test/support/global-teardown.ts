import { stopThrowawayServices } from './global-setup';

/** Jest globalTeardown: stops whatever servers globalSetup started (none if URLs were given). */
export default async function globalTeardown(): Promise<void> {
  await stopThrowawayServices();
}
