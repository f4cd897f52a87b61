import { Module } from '@nestjs/common';
import { MetricsModule } from '@app/metrics';
import { MaintenanceWorkerModule } from '@app/queue';
import { WebhookDeliveryProcessor } from './deliveries/webhook-delivery.processor';
import { EventsModule } from './events.module';
import { EventRetention } from './outbox/event-retention';
import { OutboxRelay } from './outbox/outbox-relay';

/**
 * The events' workers: the relay from the outbox to the `webhooks` queue, the deliverer of
 * that queue, and the retention of old events (a periodic job of the maintenance queue).
 */
@Module({
  imports: [EventsModule, MetricsModule, MaintenanceWorkerModule],
  providers: [OutboxRelay, WebhookDeliveryProcessor, EventRetention],
})
export class EventsWorkerModule {}
