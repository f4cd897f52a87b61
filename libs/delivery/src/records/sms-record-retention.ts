import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { deleteInBatches } from '@app/prisma';
import { PeriodicJob, PeriodicJobHandler, PeriodicJobSummary } from '@app/queue';
import { monthPartitionsBefore } from './message-months';
import { MessagePartitions } from './message-partitions';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Drops the months of message records older than SMS_RECORD_RETENTION_DAYS: a month goes
 * whole once its last day is past the retention, so a record is kept between the retention
 * and a month more. (Deleting 10 million rows a day would cost the database more than
 * writing them.) Rows of the default partition (months never created) are deleted by row.
 */
@Injectable()
@PeriodicJob('delete-old-sms-records')
export class SmsRecordRetention implements PeriodicJobHandler {
  constructor(
    private readonly partitions: MessagePartitions,
    private readonly config: AppConfigService,
  ) {}

  async run(): Promise<PeriodicJobSummary> {
    const cutoff = new Date(Date.now() - this.config.get('SMS_RECORD_RETENTION_DAYS') * DAY_MS);
    const months = monthPartitionsBefore(await this.partitions.list(), cutoff);
    for (const month of months) await this.partitions.drop(month);
    const deleted = await deleteInBatches((limit) =>
      this.partitions.deleteDefaultBatch(cutoff, limit),
    );
    return { droppedMonths: months.length, deleted };
  }
}
