import { Module } from '@nestjs/common';
import { MetricsModule } from '@app/metrics';
import { WebhooksAdminController } from './admin/webhooks-admin.controller';
import { WebhookDeliveriesRepository } from './deliveries/webhook-deliveries.repository';
import { WebhookDeliveriesService } from './deliveries/webhook-deliveries.service';
import { WebhookDeliveryQueue } from './deliveries/webhook-delivery.queue';
import { WebhookPoster } from './deliveries/webhook-poster';
import { WebhookEndpointsRepository } from './endpoints/webhook-endpoints.repository';
import { WebhookEndpointsService } from './endpoints/webhook-endpoints.service';
import { LifecycleEvents } from './outbox/lifecycle-events';

/**
 * Lifecycle events: the outbox other libraries write to (`LifecycleEvents`), and the admins'
 * webhook endpoints and deliveries. The relay and the deliverer are in EventsWorkerModule.
 */
@Module({
  imports: [MetricsModule],
  controllers: [WebhooksAdminController],
  providers: [
    LifecycleEvents,
    WebhookEndpointsRepository,
    WebhookEndpointsService,
    WebhookDeliveriesRepository,
    WebhookDeliveriesService,
    WebhookDeliveryQueue,
    WebhookPoster,
  ],
  exports: [
    LifecycleEvents,
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    WebhookDeliveryQueue,
    WebhookPoster,
  ],
})
export class EventsModule {}
