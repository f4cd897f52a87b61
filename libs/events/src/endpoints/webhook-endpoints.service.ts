import { Injectable } from '@nestjs/common';
import { WebhookEndpoint } from '@app/prisma';
import { WebhookDeliveryQueue } from '../deliveries/webhook-delivery.queue';
import { WebhookDeliveriesRepository } from '../deliveries/webhook-deliveries.repository';
import { WebhookNotFoundError } from '../events.errors';
import {
  EndpointPage,
  NewWebhookEndpoint,
  WebhookEndpointChanges,
  WebhookEndpointsRepository,
} from './webhook-endpoints.repository';
import { newWebhookSecret } from './webhook-secret';

/** The admins' webhook endpoints: what each takes, and a test send. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly queue: WebhookDeliveryQueue,
  ) {}

  /** A secret not given is generated; either way the answer is the only time it is shown. */
  create(
    input: Omit<NewWebhookEndpoint, 'secret'> & { secret?: string },
  ): Promise<WebhookEndpoint> {
    return this.endpoints.create({ ...input, secret: input.secret ?? newWebhookSecret() });
  }

  list(page: number, pageSize: number): Promise<EndpointPage> {
    return this.endpoints.list(page, pageSize);
  }

  async get(id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.find(id);
    if (endpoint === null) throw new WebhookNotFoundError();
    return endpoint;
  }

  async update(id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.update(id, changes);
    if (endpoint === null) throw new WebhookNotFoundError();
    return endpoint;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.endpoints.delete(id))) throw new WebhookNotFoundError();
  }

  /**
   * Sends a `webhook.test` event to this endpoint through the queue, as any event goes (signed,
   * retried): the answer names the delivery to read.
   */
  async testSend(id: string): Promise<{ eventId: string; deliveryId: string }> {
    const sent = await this.deliveries.createTestDelivery(id);
    if (sent === null) throw new WebhookNotFoundError();
    await this.queue.enqueue([sent.deliveryId]);
    return sent;
  }
}
