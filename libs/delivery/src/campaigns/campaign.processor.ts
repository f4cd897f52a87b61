import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { QUEUES } from '@app/queue';
import { CAMPAIGN_JOB, CampaignJobData } from './campaign-queue';
import { CampaignRunner } from './campaign-runner';

/**
 * The worker of the `campaigns` queue: one job per campaign run, which sends the whole list.
 * A job whose worker died is taken up again within 15 s (its lock lapses after 10 s) and goes
 * on where the list is; it may stall any number of times (each restart of the workers).
 */
@Processor(QUEUES.campaigns, {
  concurrency: 4,
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 1_000_000,
})
export class CampaignProcessor extends WorkerHost {
  constructor(private readonly runner: CampaignRunner) {
    super();
  }

  async process(job: Job<CampaignJobData>): Promise<void> {
    if (job.name !== CAMPAIGN_JOB) throw new UnrecoverableError(`Unknown job ${job.name}`);
    // A worker that is stopping stops between chunks, and the job fails this try: it is taken
    // up again (by the next worker) instead of completing half-sent. A graceful stop pauses the
    // workers first (WorkerStop) and closes them only after WORKER_STOP_TIMEOUT_MS: a run that
    // looked at `closing` alone went on sending through the pause, and its chunk in flight at
    // the forced close was left `unknown`.
    const ended = await this.runner.run(
      job.data.campaignId,
      job.data.run,
      () => this.worker.closing === undefined && !this.worker.isPaused(),
    );
    if (!ended) throw new Error('The worker stopped mid-campaign: taken up again');
  }
}
