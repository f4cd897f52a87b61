import { INestApplicationContext, LoggerService } from '@nestjs/common';

export interface StopOptions {
  /** The whole stop's bound: past it the process exits with 1. */
  timeoutMs: number;
  logger: LoggerService;
}

/**
 * SIGTERM or SIGINT: the workers take no new job and finish or leave their active ones
 * (WorkerStop, within WORKER_STOP_TIMEOUT_MS), then Redis and PostgreSQL close, then the
 * process exits. A second signal has its default effect: the process ends at once.
 */
export function stopOnSignals(
  worker: INestApplicationContext,
  { timeoutMs, logger }: StopOptions,
): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.log(`${signal}: the workers stop`, 'Shutdown');
    const deadline = setTimeout(() => {
      logger.error(`Not stopped within ${timeoutMs} ms: exiting`, undefined, 'Shutdown');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    worker.close().then(
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
