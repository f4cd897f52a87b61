import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule, Environment } from '@app/config';
import { MetricsModule, MetricsPortModule } from '@app/metrics';
import { PrismaModule } from '@app/prisma';
import { QueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';
import { WORKER_MODULES } from './worker-modules';

/**
 * The worker process: the queues' workers over the same libraries as the API, no HTTP but
 * the METRICS_PORT listener.
 */
@Module({})
export class WorkerModule {
  static register(environment: Environment): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(environment),
        MetricsModule,
        PrismaModule,
        RedisModule,
        QueueModule.forRoot(),
        ...WORKER_MODULES,
        // No HTTP here: the metrics only on METRICS_PORT, when it is set.
        MetricsPortModule,
      ],
    };
  }
}
