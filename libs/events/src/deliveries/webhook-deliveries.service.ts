import { Injectable } from '@nestjs/common';
import { LifecycleEvent, WebhookDelivery, WebhookDeliveryStatus } from '@app/prisma';
import { WebhookEndpointsRepository } from '../endpoints/webhook-endpoints.repository';
import { WebhookDeliveryNotFoundError, WebhookNotFoundError } from '../events.errors';
import { DeliveryPage, WebhookDeliveriesRepository } from './webhook-deliveries.repository';

/** What the admins read of an endpoint's deliveries. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
  ) {}

  async list(
    endpointId: string,
    filter: { status?: WebhookDeliveryStatus; eventType?: string },
    page: number,
    pageSize: number,
  ): Promise<DeliveryPage> {
    if ((await this.endpoints.find(endpointId)) === null) throw new WebhookNotFoundError();
    return this.deliveries.list(endpointId, filter, page, pageSize);
  }

  async get(
    endpointId: string,
    deliveryId: string,
  ): Promise<WebhookDelivery & { event: LifecycleEvent }> {
    const delivery = await this.deliveries.find(endpointId, deliveryId);
    if (delivery !== null) return delivery;
    if ((await this.endpoints.find(endpointId)) === null) throw new WebhookNotFoundError();
    throw new WebhookDeliveryNotFoundError();
  }
}
