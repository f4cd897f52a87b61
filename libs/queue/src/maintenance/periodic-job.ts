import { applyDecorators, SetMetadata } from '@nestjs/common';

import type { AppConfigService } from '@app/config';

export const PERIODIC_JOB = 'queue:periodic-job';
export const PERIODIC_JOB_EVERY = 'queue:periodic-job-every';
export const PERIODIC_JOB_MAX_INTERVAL = 'queue:periodic-job:max-interval';

/** What one run did, kept as the job's return value (e.g. `{ deleted: 1200 }`). */
export type PeriodicJobSummary = Record<string, number>;

/** A job run on the maintenance queue every MAINTENANCE_INTERVAL_SECONDS (or its own period). */
export interface PeriodicJobHandler {
  run(): Promise<PeriodicJobSummary>;
}

export interface PeriodicJobOptions {
  /** Runs at least this often (seconds), whatever MAINTENANCE_INTERVAL_SECONDS says. */
  maxIntervalSeconds?: number;
}

/**
 * Marks a provider of a library's worker module as the handler of a periodic job. The name is
 * the job's and its scheduler's: one run per period across every process (BullMQ job
 * schedulers: each period's job has one id).
 */
export const PeriodicJob = (name: string, options: PeriodicJobOptions = {}): ClassDecorator =>
  applyDecorators(
    SetMetadata(PERIODIC_JOB, name),
    SetMetadata(PERIODIC_JOB_MAX_INTERVAL, options.maxIntervalSeconds),
  );

/**
 * A period of its own for a @PeriodicJob, in seconds, read from the configuration at start-up;
 * 0 means MAINTENANCE_INTERVAL_SECONDS. Setting that to 0 still schedules nothing.
 */
export const PeriodicJobEvery = (seconds: (config: AppConfigService) => number): ClassDecorator =>
  SetMetadata(PERIODIC_JOB_EVERY, seconds);
