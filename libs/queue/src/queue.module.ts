import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { AppConfigService } from '@app/config';
import { QueueAdminController } from './admin/queue-admin.controller';
import { QueueStatsService } from './admin/queue-stats.service';
import { producerConnection, queueKeyPrefix } from './queue-connection';
import { QUEUE_NAMES } from './queue-names';
import { QueueReadiness } from './queue-readiness';
import { QueueWorker } from './queue-worker';
import { WorkerStop } from './worker-stop';

BullModule.workerClass = QueueWorker;

// Closing a queue while Redis is away fails its QUIT and leaves the connection reconnecting
// for ever (the process would not exit): disconnect after close.
const queues = BullModule.registerQueue(
  ...QUEUE_NAMES.map((name) => ({ name, forceDisconnectOnShutdown: true })),
);

@Global()
@Module({})
export class QueueModule {
  /**
   * BullMQ over the service's Redis, and every queue of QUEUES, injectable anywhere with
   * `@InjectQueue(QUEUES.messages)`. The workers are not here: a library's `XxxWorkerModule`
   * holds its @Processor classes, and an app imports those where it works the queues.
   */
  static forRoot(): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfigService],
          useFactory: (config: AppConfigService) => ({
            connection: producerConnection({
              REDIS_URL: config.get('REDIS_URL'),
              REDIS_TLS_CA_FILE: config.get('REDIS_TLS_CA_FILE'),
              REDIS_TLS_CERT_FILE: config.get('REDIS_TLS_CERT_FILE'),
              REDIS_TLS_KEY_FILE: config.get('REDIS_TLS_KEY_FILE'),
              REDIS_COMMAND_TIMEOUT_MS: config.get('REDIS_COMMAND_TIMEOUT_MS'),
            }),
            prefix: queueKeyPrefix(config.get('REDIS_KEY_PREFIX')),
          }),
        }),
        queues,
        DiscoveryModule,
      ],
      controllers: [QueueAdminController],
      providers: [QueueReadiness, WorkerStop, QueueStatsService],
      exports: [queues],
    };
  }
}
