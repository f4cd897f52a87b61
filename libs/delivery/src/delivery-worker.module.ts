import { Module } from '@nestjs/common';
import { MaintenanceWorkerModule } from '@app/queue';
import { SmsRecordRetention } from './records/sms-record-retention';

/** The delivery library's jobs: the retention of message records. */
@Module({
  imports: [MaintenanceWorkerModule],
  providers: [SmsRecordRetention],
})
export class DeliveryWorkerModule {}
