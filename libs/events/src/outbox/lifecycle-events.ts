import { Injectable } from '@nestjs/common';
import { Prisma } from '@app/prisma';
import type { LifecycleEventData, LifecycleEventType } from '../catalogue/event-catalogue';

/**
 * The emitting side of the outbox. An event is a row written through the caller's transaction
 * client, so it is committed with the change it tells of, or rolled back with it: nothing is
 * sent for a change that did not happen, and nothing is lost once it did (the relay takes
 * committed rows to the queue). There is deliberately no "after commit" variant: a process
 * that died between its commit and the send would lose the event. A change that has no
 * PostgreSQL transaction (a verdict kept in Redis) passes the plain client, which writes the
 * event in its own statement once the change is made.
 */
@Injectable()
export class LifecycleEvents {
  async emit<T extends LifecycleEventType>(
    tx: Prisma.TransactionClient,
    type: T,
    data: LifecycleEventData[T],
  ): Promise<void> {
    await tx.$executeRaw(lifecycleEventInsert(type, data));
  }
}

/** The outbox row of one event, for a caller that runs its own statements (a direct transaction). */
export function lifecycleEventInsert<T extends LifecycleEventType>(
  type: T,
  data: LifecycleEventData[T],
): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "lifecycle_events" ("type", "payload")
    VALUES (${type}, ${JSON.stringify(data)}::jsonb)`;
}

/**
 * For a bulk write that tells of its rows in the same statement (a CTE over its `RETURNING`):
 * `rows` selects one `type` (text) and one `payload` (jsonb) per event. The payload is built
 * in SQL there, so it must match the catalogue's shape for its type.
 */
export function outboxInsert(rows: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "lifecycle_events" ("type", "payload")
    SELECT e."type", e."payload" FROM (${rows}) AS e`;
}
