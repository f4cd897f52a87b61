import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsModule } from './metrics.module';
import { MetricsPortModule } from './metrics-port.module';
import { MetricsTokenGuard } from './metrics-token.guard';

/**
 * The HTTP app's metrics: `GET /metrics` on the public port (METRICS_TOKEN), with everything
 * MetricsPortModule exposes. Imported by an app, once.
 */
@Module({
  imports: [MetricsModule, MetricsPortModule],
  controllers: [MetricsController],
  providers: [MetricsTokenGuard],
})
export class MetricsExposureModule {}
