import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { deleteInBatches } from '@app/prisma';
import { PeriodicJob, PeriodicJobHandler, PeriodicJobSummary } from '@app/queue';
import { SmsReplyRepository } from './sms-reply.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes inbound replies received more than SMS_REPLY_RETENTION_DAYS ago: they grow with the
 * marketing traffic. The opt-outs they made stay on the suppression list.
 */
@Injectable()
@PeriodicJob('delete-old-sms-replies')
export class SmsReplyRetention implements PeriodicJobHandler {
  constructor(
    private readonly replies: SmsReplyRepository,
    private readonly config: AppConfigService,
  ) {}

  async run(): Promise<PeriodicJobSummary> {
    const cutoff = new Date(Date.now() - this.config.get('SMS_REPLY_RETENTION_DAYS') * DAY_MS);
    const deleted = await deleteInBatches((limit) =>
      this.replies.deleteReceivedBefore(cutoff, limit),
    );
    return { deleted };
  }
}
