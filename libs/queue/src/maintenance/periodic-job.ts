import { SetMetadata } from '@nestjs/common';

import type { AppConfigService } from '@app/config';

export const PERIODIC_JOB = 'queue:periodic-job';
export const PERIODIC_JOB_EVERY = 'queue:periodic-job-every';

/** What one run did, kept as the job's return value (e.g. `{ deleted: 1200 }`). */
export type PeriodicJobSummary = Record<string, number>;

/** A job run on the maintenance queue every MAINTENANCE_INTERVAL_SECONDS (or its own period). */
export interface PeriodicJobHandler {
  run(): Promise<PeriodicJobSummary>;
}

/**
 * Marks a provider of a library's worker module as the handler of a periodic job. The name is
 * the job's and its scheduler's: one run per period across every process (BullMQ job
 * schedulers: each period's job has one id).
 */
export const PeriodicJob = (name: string): ClassDecorator => SetMetadata(PERIODIC_JOB, name);

/**
 * A period of its own for a @PeriodicJob, in seconds, read from the configuration at start-up;
 * 0 means MAINTENANCE_INTERVAL_SECONDS. Setting that to 0 still schedules nothing.
 */
export const PeriodicJobEvery = (seconds: (config: AppConfigService) => number): ClassDecorator =>
  SetMetadata(PERIODIC_JOB_EVERY, seconds);
