import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/config';
import { deleteInBatches } from '@app/prisma';
import { PeriodicJob, PeriodicJobHandler, PeriodicJobSummary } from '@app/queue';
import { WebhookDeliveriesRepository } from '../deliveries/webhook-deliveries.repository';
import { EventsSettings } from '../events.settings';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes relayed events older than EVENTS_RETENTION_DAYS, their deliveries with them. */
@Injectable()
@PeriodicJob('delete-old-lifecycle-events')
export class EventRetention implements PeriodicJobHandler {
  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly config: AppConfigService,
  ) {}

  async run(): Promise<PeriodicJobSummary> {
    const days = this.config.section(EventsSettings).EVENTS_RETENTION_DAYS;
    const cutoff = new Date(Date.now() - days * DAY_MS);
    const deleted = await deleteInBatches((limit) =>
      this.deliveries.deleteEventsBefore(cutoff, limit),
    );
    return { deleted };
  }
}
