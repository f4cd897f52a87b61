import { Injectable } from '@nestjs/common';
import {
  LifecycleEvent,
  Prisma,
  PrismaService,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
} from '@app/prisma';
import type { WebhookAttempt } from './webhook-attempt';

export type DeliveryToAttempt = WebhookDelivery & {
  endpoint: WebhookEndpoint;
  event: LifecycleEvent;
};

export interface DeliveryPage {
  items: WebhookDelivery[];
  total: number;
  page: number;
  pageSize: number;
}

/** Deliveries (one event to one endpoint) and the relay's statement over the outbox. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Relays up to `limit` committed events in one statement, so it is all or nothing: marks
   * them relayed and adds a `pending` delivery for each enabled endpoint that takes its type
   * (a test event: for its endpoint only). Rows another relay holds are skipped. Answers the
   * new deliveries and how many events were relayed.
   */
  async relay(limit: number): Promise<{ events: number; deliveryIds: string[] }> {
    const [row] = await this.prisma.$queryRaw<Array<{ events: number; delivery_ids: string[] }>>`
      WITH batch AS (
        SELECT "id", "type", "endpoint_id" FROM "lifecycle_events"
         WHERE "relayed_at" IS NULL
         ORDER BY "created_at"
         LIMIT ${limit}
           FOR UPDATE SKIP LOCKED
      ), relayed AS (
        UPDATE "lifecycle_events" AS e SET "relayed_at" = CURRENT_TIMESTAMP
          FROM batch WHERE e."id" = batch."id"
        RETURNING e."id"
      ), fanned AS (
        INSERT INTO "webhook_deliveries" ("endpoint_id", "event_id", "event_type")
        SELECT w."id", batch."id", batch."type"
          FROM batch JOIN "webhook_endpoints" AS w
            ON (batch."endpoint_id" IS NULL AND w."enabled" AND batch."type" = ANY (w."event_types"))
            OR w."id" = batch."endpoint_id"
        ON CONFLICT ("endpoint_id", "event_id") DO NOTHING
        RETURNING "id"
      )
      SELECT (SELECT count(*) FROM relayed)::int AS events,
             ARRAY(SELECT "id"::text FROM fanned) AS delivery_ids`;
    return { events: row?.events ?? 0, deliveryIds: row?.delivery_ids ?? [] };
  }

  /**
   * A `webhook.test` event for one endpoint and its delivery, in one statement (the event is
   * relayed already). Null when no endpoint has this id.
   */
  async createTestDelivery(
    endpointId: string,
  ): Promise<{ eventId: string; deliveryId: string } | null> {
    const payload = JSON.stringify({ endpointId });
    const rows = await this.prisma.$queryRaw<Array<{ event_id: string; delivery_id: string }>>`
      WITH endpoint AS (
        SELECT "id" FROM "webhook_endpoints" WHERE "id" = ${endpointId}::uuid
      ), event AS (
        INSERT INTO "lifecycle_events" ("type", "payload", "endpoint_id", "relayed_at")
        SELECT 'webhook.test', ${payload}::jsonb, endpoint."id", CURRENT_TIMESTAMP FROM endpoint
        RETURNING "id", "endpoint_id"
      )
      INSERT INTO "webhook_deliveries" ("endpoint_id", "event_id", "event_type")
      SELECT event."endpoint_id", event."id", 'webhook.test' FROM event
      RETURNING "event_id"::text AS event_id, "id"::text AS delivery_id`;
    const [row] = rows;
    return row === undefined ? null : { eventId: row.event_id, deliveryId: row.delivery_id };
  }

  /**
   * Deliveries never tried and older than `before`: their job was not added (the process died
   * between the relay's commit and the queue), or is still waiting in a long queue (adding it
   * again is a no-op, by job id).
   */
  async untried(before: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT "id"::text AS id FROM "webhook_deliveries"
       WHERE "status" = 'pending' AND "created_at" < ${before}
       ORDER BY "created_at" LIMIT ${limit}`;
    return rows.map((row) => row.id);
  }

  findToAttempt(id: string): Promise<DeliveryToAttempt | null> {
    return this.prisma.webhookDelivery.findUnique({
      where: { id },
      include: { endpoint: true, event: true },
    });
  }

  /** Appends a try and sets where the delivery stands, in one statement. */
  async recordAttempt(
    id: string,
    attempt: WebhookAttempt,
    status: WebhookDeliveryStatus,
    nextAttemptAt: Date | null,
  ): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "webhook_deliveries"
         SET "attempts" = "attempts" || ${JSON.stringify([attempt])}::jsonb,
             "status" = ${status}::"webhook_delivery_status",
             "next_attempt_at" = ${nextAttemptAt},
             "updated_at" = CURRENT_TIMESTAMP
       WHERE "id" = ${id}::uuid`;
  }

  async markSkipped(id: string): Promise<void> {
    await this.prisma.webhookDelivery.updateMany({
      where: { id, status: { in: ['pending', 'retrying'] } },
      data: { status: 'skipped', nextAttemptAt: null },
    });
  }

  async list(
    endpointId: string,
    filter: { status?: WebhookDeliveryStatus; eventType?: string },
    page: number,
    pageSize: number,
  ): Promise<DeliveryPage> {
    const where: Prisma.WebhookDeliveryWhereInput = { endpointId, ...filter };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.webhookDelivery.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.webhookDelivery.count({ where }),
    ]);
    return { items, total, page, pageSize };
  }

  /** One delivery of one endpoint, with its event (whose payload the admin may read). */
  find(
    endpointId: string,
    deliveryId: string,
  ): Promise<(WebhookDelivery & { event: LifecycleEvent }) | null> {
    return this.prisma.webhookDelivery.findFirst({
      where: { id: deliveryId, endpointId },
      include: { event: true },
    });
  }

  /** Deletes at most `limit` events older than `cutoff` (their deliveries go with them). */
  deleteEventsBefore(cutoff: Date, limit: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "lifecycle_events" WHERE "id" IN (
        SELECT "id" FROM "lifecycle_events"
         WHERE "created_at" < ${cutoff} AND "relayed_at" IS NOT NULL
         LIMIT ${limit} FOR UPDATE SKIP LOCKED
      )`;
  }
}
