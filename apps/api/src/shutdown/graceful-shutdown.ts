import { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ShutdownState } from './shutdown-state';

export interface GracefulShutdownOptions {
  /** SHUTDOWN_DRAIN_MS: readiness fails this long before the server stops accepting. */
  drainMs: number;
  logger: LoggerService;
}

/**
 * SIGTERM or SIGINT, in order: readiness fails while requests are still served (so a load
 * balancer stops routing here); then the server stops accepting and finishes the requests in
 * flight; then Redis and PostgreSQL are closed (the shutdown hooks) and the process exits. A
 * second signal during the stop has its default effect: the process ends at once.
 */
export function stopGracefullyOnSignals(
  app: NestFastifyApplication,
  { drainMs, logger }: GracefulShutdownOptions,
): void {
  const state = app.get(ShutdownState);
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.log(`${signal}: readiness fails for ${drainMs} ms, then the server stops`, 'Shutdown');
    stopGracefully(app, state, drainMs).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Stop failed: ${String(error)}`, undefined, 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

async function stopGracefully(
  app: NestFastifyApplication,
  state: ShutdownState,
  drainMs: number,
): Promise<void> {
  state.enter('draining');
  await new Promise((resolve) => setTimeout(resolve, drainMs));
  state.enter('closing');
  // Closes the HTTP server first (no new connections, idle ones closed, in-flight requests
  // finished), then runs every OnApplicationShutdown hook (Redis, PostgreSQL, SMS records).
  await app.close();
}
