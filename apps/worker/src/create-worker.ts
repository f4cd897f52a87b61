import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { JsonLogger, stdoutLogDestination } from '@app/common';
import { Environment } from '@app/config';
import { PrismaService } from '@app/prisma';
import { RedisService } from '@app/redis';
import { WorkerModule } from './worker.module';

export interface CreateWorkerOptions {
  /** Where the JSON log lines go; standard output by default. */
  logDestination?: pino.DestinationStream;
}

/** Builds the worker as production runs it (`main.ts`); tests use it too. */
export async function createWorker(
  environment: Environment,
  options: CreateWorkerOptions = {},
): Promise<INestApplicationContext> {
  const logger = pino(
    { level: environment.LOG_LEVEL, base: { service: 'smsauth-worker' } },
    options.logDestination ?? stdoutLogDestination(),
  );
  const app = await NestFactory.createApplicationContext(WorkerModule.register(environment), {
    logger: new JsonLogger(logger),
  });
  await app.get(RedisService).waitUntilReady();
  await app.get(PrismaService).isReachable();
  return app;
}
