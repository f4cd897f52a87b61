import { Module } from '@nestjs/common';
import { MetricsModule } from '@app/metrics';
import { MaintenanceWorkerModule } from '@app/queue';
import { CampaignProcessor } from './campaigns/campaign.processor';
import { DeliveryModule } from './delivery.module';
import { MessageProcessor } from './queue/message.processor';
import { MessagePartitions } from './records/message-partitions';
import { SmsRecordMonthsAhead } from './records/sms-record-months-ahead';
import { SmsRecordRetention } from './records/sms-record-retention';
import { SmsReplyRetention } from './replies/sms-reply-retention';

/**
 * Delivery's workers: the `messages` queue (records, code takeovers, notifications, conversion
 * reports), the `campaigns` queue (one job per campaign run, campaign-runner.ts), and the month
 * partitions of message records: created ahead, dropped past their retention, and inbound
 * replies past theirs (periodic jobs of the maintenance queue).
 */
@Module({
  imports: [DeliveryModule, MaintenanceWorkerModule, MetricsModule],
  providers: [
    MessageProcessor,
    CampaignProcessor,
    MessagePartitions,
    SmsRecordMonthsAhead,
    SmsRecordRetention,
    SmsReplyRetention,
  ],
})
export class DeliveryWorkerModule {}
