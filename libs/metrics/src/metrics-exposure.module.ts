import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MetricsController } from './metrics.controller';
import { MetricsModule } from './metrics.module';
import { MetricsPortServer } from './metrics-port.server';
import { MetricsTokenGuard } from './metrics-token.guard';
import { QueueMetricsCollector } from './queue-metrics.collector';

/**
 * Where the metrics are read: `GET /metrics` on the public port (METRICS_TOKEN), the
 * METRICS_PORT listener, and the queues' gauges. Imported by an app, once.
 */
@Module({
  imports: [MetricsModule, DiscoveryModule],
  controllers: [MetricsController],
  providers: [MetricsTokenGuard, MetricsPortServer, QueueMetricsCollector],
})
export class MetricsExposureModule {}
