import { Module } from '@nestjs/common';
import { MaintenanceWorkerModule } from '@app/queue';
import { CampaignProcessor } from './campaigns/campaign.processor';
import { DeliveryModule } from './delivery.module';
import { MessageProcessor } from './queue/message.processor';
import { SmsRecordRetention } from './records/sms-record-retention';

/**
 * Delivery's workers: the `messages` queue (records, code takeovers, notifications), the
 * `campaigns` queue (one job per campaign run, campaign-runner.ts), and the
 * retention of message records (a periodic job of the maintenance queue).
 */
@Module({
  imports: [DeliveryModule, MaintenanceWorkerModule],
  providers: [MessageProcessor, CampaignProcessor, SmsRecordRetention],
})
export class DeliveryWorkerModule {}
