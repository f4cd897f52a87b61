import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '@app/metrics';
import { ReadinessService } from './readiness.service';

/** The dependency gauge reads what /health/ready checks, with its deadline, at scrape time. */
@Injectable()
export class HealthMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.metrics.readDependenciesFrom(async () => {
      const report = await this.readiness.check();
      return { database: report.database === 'up', redis: report.redis === 'up' };
    });
  }
}
