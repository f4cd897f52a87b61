import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { AppConfigService } from '@app/config';
import { retryWhenTimedOut } from '@app/redis';
import { QUEUES } from '../queue-names';
import {
  PERIODIC_JOB,
  PERIODIC_JOB_EVERY,
  PERIODIC_JOB_MAX_INTERVAL,
  PeriodicJobHandler,
  PeriodicJobSummary,
} from './periodic-job';

// Runs kept for `GET /v1/admin/queues` and for looking into a failure.
const KEPT_RUNS = 200;

/**
 * Works the maintenance queue, whose jobs belong to several libraries: each job goes to the
 * @PeriodicJob provider of its name. At start-up it upserts one job scheduler per handler
 * (idempotent: every process does it, the schedule stays one).
 */
@Injectable()
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('Maintenance');
  private handlers?: Map<string, PeriodicJobHandler>;
  private readonly ownPeriods = new Map<string, (config: AppConfigService) => number>();

  constructor(
    @InjectQueue(QUEUES.maintenance) private readonly queue: Queue,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly config: AppConfigService,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    const maintenanceSeconds = this.config.get('MAINTENANCE_INTERVAL_SECONDS');
    if (maintenanceSeconds === 0) return;
    for (const [name, handler] of this.handlerMap()) {
      const ownSeconds = this.ownPeriods.get(name)?.(this.config) ?? 0;
      const seconds = ownSeconds > 0 ? ownSeconds : maintenanceSeconds;
      const most = this.reflector.get<number | undefined>(
        PERIODIC_JOB_MAX_INTERVAL,
        handler.constructor,
      );
      // Every process upserts the same schedulers at start: the same result however often.
      await retryWhenTimedOut(() =>
        this.queue.upsertJobScheduler(
          name,
          { every: Math.min(seconds, most ?? seconds) * 1000 },
          {
            name,
            opts: { removeOnComplete: { count: KEPT_RUNS }, removeOnFail: { count: KEPT_RUNS } },
          },
        ),
      );
    }
  }

  async process(job: Job): Promise<PeriodicJobSummary> {
    const handler = this.handlerMap().get(job.name);
    // A scheduler left by a version that had this job: nothing here can run it.
    if (handler === undefined) throw new UnrecoverableError(`No handler for ${job.name}`);
    const summary = await handler.run();
    this.logger.log(`${job.name}: ${JSON.stringify(summary)}`);
    return summary;
  }

  // Found on first use: the worker may take a job before the bootstrap hooks run.
  private handlerMap(): Map<string, PeriodicJobHandler> {
    if (this.handlers) return this.handlers;
    this.handlers = new Map();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as PeriodicJobHandler | undefined;
      if (!instance || !wrapper.metatype) continue;
      const name = this.reflector.get<string | undefined>(PERIODIC_JOB, wrapper.metatype);
      if (name === undefined) continue;
      this.handlers.set(name, instance);
      const every = this.reflector.get<((config: AppConfigService) => number) | undefined>(
        PERIODIC_JOB_EVERY,
        wrapper.metatype,
      );
      if (every !== undefined) this.ownPeriods.set(name, every);
    }
    return this.handlers;
  }
}
