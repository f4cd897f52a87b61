import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { limitHeapGrowth } from '@app/common';
import { InvalidConfigurationError } from '@app/config';
import { validateServiceEnvironment } from '../../api/src/service-environment';
import { createWorker } from './create-worker';
import { stopOnSignals } from './stop-on-signals';

async function bootstrap(): Promise<void> {
  const environment = validateServiceEnvironment(process.env);
  limitHeapGrowth(environment.HEAP_GROWTH_PERCENT);
  const worker = await createWorker(environment);
  stopOnSignals(worker, {
    // The workers' own bound, then Redis and PostgreSQL close; past it the process just ends.
    timeoutMs: environment.WORKER_STOP_TIMEOUT_MS + 5000,
    logger: new Logger('Shutdown'),
  });
  await worker.init();
  new Logger('Worker').log('Working the queues');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof InvalidConfigurationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
