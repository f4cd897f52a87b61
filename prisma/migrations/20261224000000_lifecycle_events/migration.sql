-- Lifecycle events: a transactional outbox and the admins' webhook endpoints.
-- An event row is written in the same transaction as the change it tells of, so it exists
-- exactly when the change was committed; the relay fans committed rows out to deliveries.
CREATE TABLE "lifecycle_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    -- A test send: the event goes to this endpoint only, whatever it subscribes to.
    "endpoint_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "relayed_at" TIMESTAMPTZ(3),

    CONSTRAINT "lifecycle_events_pkey" PRIMARY KEY ("id")
);

-- The relay reads the oldest events not relayed yet: a small partial index.
CREATE INDEX "lifecycle_events_unrelayed_idx" ON "lifecycle_events" ("created_at")
    WHERE "relayed_at" IS NULL;
CREATE INDEX "lifecycle_events_created_at_idx" ON "lifecycle_events" ("created_at");

CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "event_types" TEXT[] NOT NULL,
    "description" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    -- Why it was disabled when the service did it (`gone`: the receiver answered 410).
    "disabled_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

CREATE TYPE "webhook_delivery_status" AS ENUM ('pending', 'retrying', 'succeeded', 'failed', 'skipped');

CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "endpoint_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "status" "webhook_delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" JSONB NOT NULL DEFAULT '[]',
    "next_attempt_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id")
        REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE,
    CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id")
        REFERENCES "lifecycle_events"("id") ON DELETE CASCADE
);

-- One delivery per event and endpoint: a relay that runs twice adds none.
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key"
    ON "webhook_deliveries" ("endpoint_id", "event_id");
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx"
    ON "webhook_deliveries" ("endpoint_id", "created_at" DESC);
CREATE INDEX "webhook_deliveries_event_id_idx" ON "webhook_deliveries" ("event_id");
-- The sweep that queues deliveries whose job was never added (a crash between the two).
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" ("created_at")
    WHERE "status" = 'pending';
