import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MetricsModule } from './metrics.module';
import { MetricsPortServer } from './metrics-port.server';
import { QueueMetricsCollector } from './queue-metrics.collector';

/**
 * What every process exposes: the METRICS_PORT listener and the queues' gauges and job
 * durations. The worker imports it alone; the API through MetricsExposureModule.
 */
@Module({
  imports: [MetricsModule, DiscoveryModule],
  providers: [MetricsPortServer, QueueMetricsCollector],
})
export class MetricsPortModule {}
