import { Module } from '@nestjs/common';
import { MetricsModule } from '@app/metrics';
import { MaintenanceWorkerModule } from '@app/queue';
import { DeliveryModule } from './delivery.module';
import { MessageProcessor } from './queue/message.processor';
import { SmsRecordRetention } from './records/sms-record-retention';

/**
 * Delivery's workers: the `messages` queue (records, code takeovers, notifications) and the
 * retention of message records (a periodic job of the maintenance queue).
 */
@Module({
  imports: [DeliveryModule, MaintenanceWorkerModule, MetricsModule],
  providers: [MessageProcessor, SmsRecordRetention],
})
export class DeliveryWorkerModule {}
