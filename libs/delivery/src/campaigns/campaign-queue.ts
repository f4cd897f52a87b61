import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QUEUES } from '@app/queue';

export const CAMPAIGN_JOB = 'send';

export interface CampaignJobData {
  campaignId: string;
  /** The campaign's `runs` when queued: a job of an older run (before a pause) stops. */
  run: number;
}

const KEEP_FAILED_SECONDS = 7 * 24 * 3600;

/** The states of a job a worker has or will take up (BullMQ's job states). */
const LIVE_STATES = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

/**
 * The producer side of the `campaigns` queue: one job per run of a campaign (its confirm, each
 * resume), which sends the whole list (campaign-runner.ts). Its id carries the run, so a
 * resume never collides with the run it follows.
 */
@Injectable()
export class CampaignQueue {
  constructor(@InjectQueue(QUEUES.campaigns) private readonly queue: Queue) {}

  /**
   * Whether the run's job is still to be worked: not failed for good (its attempts spent),
   * not completed, not gone (removed, or lost with Redis's data).
   */
  async hasLiveJob(campaignId: string, run: number): Promise<boolean> {
    const job = await this.queue.getJob(jobIdOf(campaignId, run));
    if (job === undefined) return false;
    return LIVE_STATES.has(await job.getState());
  }

  async start(campaignId: string, run: number, startAt: Date | null, now: Date): Promise<void> {
    const data: CampaignJobData = { campaignId, run };
    await this.queue.add(CAMPAIGN_JOB, data, {
      jobId: jobIdOf(campaignId, run),
      // The job waits for its last second itself (by the campaign clock).
      delay: startAt === null ? 0 : Math.max(0, startAt.getTime() - now.getTime() - 1000),
      // A runner that fails (PostgreSQL away) starts again; it picks up where the list is.
      attempts: 1000,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: { age: KEEP_FAILED_SECONDS },
    });
  }
}

function jobIdOf(campaignId: string, run: number): string {
  return `campaign-${campaignId}-${run}`;
}
