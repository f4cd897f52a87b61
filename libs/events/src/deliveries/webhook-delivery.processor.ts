import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleInit } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { AppConfigService } from '@app/config';
import { Metrics } from '@app/metrics';
import { QUEUES } from '@app/queue';
import { WebhookEndpointsRepository } from '../endpoints/webhook-endpoints.repository';
import { EventsSettings } from '../events.settings';
import { outcomeOf } from './webhook-attempt';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { DeliveryJobData, WebhookDeliveryQueue } from './webhook-delivery.queue';
import { webhookBody } from './webhook-body';
import { WebhookPoster } from './webhook-poster';

/**
 * The worker of the `webhooks` queue: one try of one delivery per run. The delivery's row is
 * written before the job ends, so its status is readable whatever the queue keeps; a failed
 * try throws for BullMQ to retry later, and the last one leaves the delivery `failed`.
 */
@Processor(QUEUES.webhooks, { lockDuration: 45_000, stalledInterval: 15_000 })
export class WebhookDeliveryProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly queue: WebhookDeliveryQueue,
    private readonly poster: WebhookPoster,
    private readonly metrics: Metrics,
    private readonly config: AppConfigService,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.section(EventsSettings).WEBHOOK_WORKER_CONCURRENCY;
  }

  async process(job: Job<DeliveryJobData>): Promise<void> {
    const delivery = await this.deliveries.findToAttempt(job.data.deliveryId);
    // Its endpoint was deleted (the delivery with it), or a duplicate job of a settled one.
    if (delivery === null || !['pending', 'retrying'].includes(delivery.status)) return;
    if (!delivery.endpoint.enabled) {
      await this.deliveries.markSkipped(delivery.id);
      return;
    }
    const attempt = await this.poster.post({
      url: delivery.endpoint.url,
      secret: delivery.endpoint.secret,
      eventId: delivery.eventId,
      body: webhookBody(delivery.event),
    });
    const outcome = outcomeOf(attempt);
    this.metrics.webhookAttempted(outcome, attempt.durationMs / 1000);
    const triesMade = job.attemptsMade + 1;
    const nextAttemptAt = outcome === 'failed' ? this.queue.nextAttemptAt(triesMade) : null;
    const status =
      outcome === 'succeeded' ? 'succeeded' : nextAttemptAt === null ? 'failed' : 'retrying';
    await this.deliveries.recordAttempt(delivery.id, attempt, status, nextAttemptAt);
    if (status !== 'retrying') this.metrics.webhookDelivered(delivery.eventType, status);
    if (outcome === 'gone') {
      // Standard Webhooks: 410 is the receiver asking not to be sent anything more.
      await this.endpoints.disable(delivery.endpointId, 'gone');
      throw new UnrecoverableError('The endpoint answered 410 Gone: disabled');
    }
    if (status === 'retrying') {
      throw new Error(`Try ${triesMade} failed: ${attempt.statusCode ?? attempt.error}`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<DeliveryJobData> | undefined, error: Error): void {
    this.logger.warn(`Webhook delivery ${job?.data.deliveryId}: ${error.message}`);
  }
}
