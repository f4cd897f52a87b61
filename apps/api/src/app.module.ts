import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from '@app/admin';
import { CaptchaModule } from '@app/captcha';
import { ThrottlingModule } from '@app/common';
import { AppConfigModule, Environment } from '@app/config';
import { isLeanCloudEnabled, LeanCloudModule } from '@app/leancloud';
import { EventsModule } from '@app/events';
import { MetricsExposureModule, MetricsModule } from '@app/metrics';
import { PrismaModule } from '@app/prisma';
import { QueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';
import { CodesModule } from '@app/codes';
import { UserModule } from '@app/user';
import { WORKER_MODULES } from '../../worker/src/worker-modules';
import { ConsoleController } from './console/console.controller';
import { HealthController } from './health/health.controller';
import { HealthMetrics } from './health/health-metrics';
import { ReadinessService } from './health/readiness.service';
import { ShutdownState } from './shutdown/shutdown-state';

@Module({})
export class AppModule {
  static register(environment: Environment): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(environment),
        MetricsModule,
        PrismaModule,
        RedisModule,
        QueueModule.forRoot(),
        ThrottlingModule,
        CodesModule,
        CaptchaModule,
        UserModule,
        EventsModule,
        AdminModule,
        ...(isLeanCloudEnabled(environment) ? [LeanCloudModule] : []),
        // One process for a small deployment: the API works the queues too.
        ...(environment.WORKER_EMBEDDED ? WORKER_MODULES : []),
        MetricsExposureModule,
      ],
      controllers: [HealthController, ConsoleController],
      providers: [ReadinessService, ShutdownState, HealthMetrics],
    };
  }
}
