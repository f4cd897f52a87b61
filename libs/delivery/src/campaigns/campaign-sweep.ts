import { Injectable, Logger } from '@nestjs/common';
import { PeriodicJob, PeriodicJobHandler, PeriodicJobSummary } from '@app/queue';
import { CampaignClock } from './campaign-clock';
import { CampaignQueue } from './campaign-queue';
import { CampaignRepository } from './campaign.repository';

/** How often the sweep runs at most: a stranded campaign waits this long to go on. */
export const CAMPAIGN_SWEEP_MAX_INTERVAL_SECONDS = 60;

/**
 * Resumes campaigns left without a job: a campaign `sending` (or `scheduled`) whose current
 * run's job failed for good (its attempts spent), completed without ending it, or is gone
 * from Redis gets a new run and its job, and goes on where its list is. The new run is a
 * conditional update (the run number the sweep saw), so a pause, a resume or another sweep in
 * between wins and this one does nothing; a job of the old run still alive after all stops at
 * its next look (its run is no longer the campaign's). Each recipient is still sent at most
 * once: the claims in PostgreSQL decide, as after a worker's crash (campaign-runner.ts).
 */
@Injectable()
@PeriodicJob('resume-stranded-campaigns', {
  maxIntervalSeconds: CAMPAIGN_SWEEP_MAX_INTERVAL_SECONDS,
})
export class CampaignSweep implements PeriodicJobHandler {
  private readonly logger = new Logger(CampaignSweep.name);

  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly queue: CampaignQueue,
    private readonly clock: CampaignClock,
  ) {}

  async run(): Promise<PeriodicJobSummary> {
    let resumed = 0;
    for (const campaign of await this.campaigns.underWay()) {
      if (await this.queue.hasLiveJob(campaign.id, campaign.runs)) continue;
      const moved = await this.campaigns.newRun(campaign.id, campaign.status, campaign.runs);
      if (moved === undefined) continue;
      // Queued after the new run: should this fail, the run has no job and the next sweep
      // tries again.
      const startAt = moved.status === 'scheduled' ? moved.scheduledAt : null;
      await this.queue.start(moved.id, moved.runs, startAt, this.clock.now());
      this.logger.warn(`Campaign ${moved.id} had no live job: resumed as run ${moved.runs}`);
      resumed++;
    }
    return { resumed };
  }
}
