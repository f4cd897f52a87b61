import { Module } from '@nestjs/common';
import { DeliveryModule } from './delivery.module';
import { MessageProcessor } from './queue/message.processor';

/** Delivery's workers: the `messages` queue (records, code takeovers, notifications). */
@Module({ imports: [DeliveryModule], providers: [MessageProcessor] })
export class DeliveryWorkerModule {}
