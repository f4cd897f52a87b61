import { Injectable } from '@nestjs/common';
import { PeriodicJob, PeriodicJobHandler, PeriodicJobSummary } from '@app/queue';
import { monthStart } from './message-months';
import { MessagePartitions } from './message-partitions';

/** Months created ahead of the current one: a quarter of maintenance runs that may fail. */
export const MONTHS_AHEAD = 3;

/**
 * Creates the month partitions of message records before their month begins (this month and
 * the next MONTHS_AHEAD), so that writes never land in the default partition.
 */
@Injectable()
@PeriodicJob('create-sms-record-months')
export class SmsRecordMonthsAhead implements PeriodicJobHandler {
  constructor(private readonly partitions: MessagePartitions) {}

  async run(): Promise<PeriodicJobSummary> {
    const now = new Date();
    let created = 0;
    for (let months = 0; months <= MONTHS_AHEAD; months++) {
      if (await this.partitions.addMonth(monthStart(now, months))) created++;
    }
    return { created };
  }
}
