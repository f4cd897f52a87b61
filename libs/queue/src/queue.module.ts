import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { AppConfigService } from '@app/config';
import { redisConnectionSettings } from '@app/redis';
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
              ...redisConnectionSettings(config),
              REDIS_COMMAND_TIMEOUT_MS: config.get('REDIS_COMMAND_TIMEOUT_MS'),
            }),
            prefix: queueKeyPrefix(config.get('REDIS_KEY_PREFIX'), config.get('REDIS_CLUSTER')),
            // producerConnection's reason, for a cluster client (its options do not carry it).
            ...(config.get('REDIS_CLUSTER') ? { skipVersionCheck: true } : {}),
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
