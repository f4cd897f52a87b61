import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { Metrics } from '@app/metrics';
import { WebhookDeliveriesRepository } from '../deliveries/webhook-deliveries.repository';
import { WebhookDeliveryQueue } from '../deliveries/webhook-delivery.queue';
import { EventsSettings } from '../events.settings';

/** Events relayed per statement; a full batch is followed by the next at once. */
const BATCH = 200;
/** A delivery not tried this long after it was made had its job lost: it is queued again. */
const UNTRIED_AFTER_MS = 60_000;
const SWEEP_EVERY_MS = 30_000;

/**
 * Moves committed events from the outbox to the `webhooks` queue, at least once: one
 * statement marks a batch relayed and makes its deliveries (all or nothing), then their jobs
 * are added. A process that dies between the two leaves deliveries `pending` and untried,
 * which the sweep queues again (by job id, so a job still queued is not doubled). Every worker
 * process runs one; they share the outbox by SKIP LOCKED.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private lastSweep = 0;

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly queue: WebhookDeliveryQueue,
    private readonly metrics: Metrics,
    config: AppConfigService,
  ) {
    this.intervalMs = config.section(EventsSettings).EVENTS_RELAY_INTERVAL_MS;
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays until the outbox is empty; answers how many events it relayed. */
  async relayAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const { events, deliveryIds } = await this.deliveries.relay(BATCH);
      await this.queue.enqueue(deliveryIds);
      total += events;
      this.metrics.eventsRelayed(events);
      if (events < BATCH || this.stopped) return total;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule());
    }, this.intervalMs).unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.relayAll();
      if (Date.now() - this.lastSweep >= SWEEP_EVERY_MS) {
        this.lastSweep = Date.now();
        const untried = await this.deliveries.untried(new Date(Date.now() - UNTRIED_AFTER_MS), 500);
        await this.queue.enqueue(untried);
      }
    } catch (error) {
      // PostgreSQL or Redis away: the events wait in the outbox for the next tick.
      this.logger.warn(
        `Relaying events: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
