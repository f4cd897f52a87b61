import { Module } from '@nestjs/common';
import { MetricsModule } from '@app/metrics';
import { MaintenanceWorkerModule } from '@app/queue';
import { CampaignProcessor } from './campaigns/campaign.processor';
import { CampaignSweep } from './campaigns/campaign-sweep';
import { DeliveryModule } from './delivery.module';
import { MessageProcessor } from './queue/message.processor';
import { MessagePartitions } from './records/message-partitions';
import { SmsRecordMonthsAhead } from './records/sms-record-months-ahead';
import { SmsRecordRetention } from './records/sms-record-retention';
import { SmsStatsFold } from './stats/sms-stats-fold';
import { SmsReplyRetention } from './replies/sms-reply-retention';

/**
 * Delivery's workers: the `messages` queue (records, code takeovers, notifications, conversion
 * reports), the `campaigns` queue (one job per campaign run, campaign-runner.ts; the sweep that
 * resumes a campaign left without a job), and the month partitions of message records: created
 * ahead, dropped past their retention, inbound replies past theirs, and the stats' daily rollup
 * folded (periodic jobs of the maintenance queue).
 */
@Module({
  imports: [DeliveryModule, MaintenanceWorkerModule, MetricsModule],
  providers: [
    MessageProcessor,
    CampaignProcessor,
    CampaignSweep,
    MessagePartitions,
    SmsRecordMonthsAhead,
    SmsRecordRetention,
    SmsStatsFold,
    SmsReplyRetention,
  ],
})
export class DeliveryWorkerModule {}
