import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { limitHeapGrowth } from '@app/common';
import { InvalidConfigurationError } from '@app/config';
import { validateServiceEnvironment } from './service-environment';
import { createApp } from './create-app';
import { stopGracefullyOnSignals } from './shutdown/graceful-shutdown';

async function bootstrap(): Promise<void> {
  const environment = validateServiceEnvironment(process.env);
  limitHeapGrowth(environment.HEAP_GROWTH_PERCENT);
  const app = await createApp(environment);
  stopGracefullyOnSignals(app, {
    drainMs: environment.SHUTDOWN_DRAIN_MS,
    logger: new Logger('Shutdown'),
  });
  await app.listen({ port: environment.PORT, host: '0.0.0.0' });
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
