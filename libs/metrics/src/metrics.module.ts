import { Module } from '@nestjs/common';
import { Metrics } from './metrics.service';

/** The one `Metrics` of an app, for the libraries that count something. */
@Module({ providers: [Metrics], exports: [Metrics] })
export class MetricsModule {}
