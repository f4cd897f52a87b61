import 'reflect-metadata';
import { InvalidConfigurationError, validateEnvironment } from '@app/config';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  const environment = validateEnvironment(process.env);
  const app = await createApp(environment);
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
