import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfigService } from '@app/config';
import { QUEUES } from '@app/queue';
import { EventsSettings } from '../events.settings';
import { RETRY_JITTER, retryDelayMs } from './retry-schedule';

export const DELIVERY_JOB = 'deliver';

/** Failed jobs are kept this long for the admins to read in the queue too. */
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;

export interface DeliveryJobData {
  deliveryId: string;
}

/** One job per delivery: adding it again while it is queued is a no-op. */
export function deliveryJobId(deliveryId: string): string {
  return `delivery-${deliveryId}`;
}

/**
 * The producer side of the `webhooks` queue. Retries are BullMQ's: WEBHOOK_MAX_ATTEMPTS tries
 * with an exponential backoff from WEBHOOK_RETRY_DELAY_MS, less up to 10% jitter so that
 * deliveries failed together by one outage do not all come back at the same instant.
 */
@Injectable()
export class WebhookDeliveryQueue {
  private readonly attempts: number;
  private readonly firstDelayMs: number;

  constructor(
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
    config: AppConfigService,
  ) {
    const settings = config.section(EventsSettings);
    this.attempts = settings.WEBHOOK_MAX_ATTEMPTS;
    this.firstDelayMs = settings.WEBHOOK_RETRY_DELAY_MS;
  }

  async enqueue(deliveryIds: readonly string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: DELIVERY_JOB,
        data: { deliveryId } satisfies DeliveryJobData,
        opts: {
          jobId: deliveryJobId(deliveryId),
          attempts: this.attempts,
          backoff: { type: 'exponential', delay: this.firstDelayMs, jitter: RETRY_JITTER },
          removeOnComplete: true,
          removeOnFail: { age: KEEP_FAILED_SECONDS },
        },
      })),
    );
  }

  /** When the try after `attemptsMade` tries runs at the latest (the jitter only brings it in). */
  nextAttemptAt(attemptsMade: number, now = Date.now()): Date | null {
    if (attemptsMade >= this.attempts) return null;
    return new Date(now + retryDelayMs(attemptsMade, this.firstDelayMs));
  }
}
