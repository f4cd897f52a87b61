import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { deleteInBatches, PrismaService } from '@app/prisma';
import { PeriodicJob, PeriodicJobHandler, PeriodicJobSummary } from '@app/queue';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes the message records older than SMS_RECORD_RETENTION_DAYS. */
@Injectable()
@PeriodicJob('delete-old-sms-records')
export class SmsRecordRetention implements PeriodicJobHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfigService,
  ) {}

  async run(): Promise<PeriodicJobSummary> {
    const cutoff = new Date(Date.now() - this.config.get('SMS_RECORD_RETENTION_DAYS') * DAY_MS);
    const deleted = await deleteInBatches((limit) => this.deleteBatch(cutoff, limit));
    return { deleted };
  }

  // By primary key, through the created_at index; rows being written (a receipt, a
  // verification mark) are skipped, left to the next run.
  private deleteBatch(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM sms_messages WHERE id IN (
        SELECT id FROM sms_messages WHERE created_at < ${cutoff}
        LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )`;
  }
}
