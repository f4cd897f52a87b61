-- sms_messages sized for 10 million messages a day: partitioned by month (UTC) on created_at,
-- so that retention drops a whole month's table instead of deleting rows, and each admin query
-- reads only the months it asks about. docs/partitioning.md has the plans and timings.
--
-- A partitioned table's unique keys must hold the partition key: the primary key becomes
-- (id, created_at). A message keeps one created_at for life (the time it was made), so the
-- records' upsert still meets its own row; a lookup by id alone probes each month's index.
--
-- The existing rows are copied into the new table in this migration's transaction: writers
-- wait meanwhile (their record jobs are retried by the queue).

ALTER TABLE "sms_messages" RENAME TO "sms_messages_unpartitioned";
ALTER TABLE "sms_messages_unpartitioned" RENAME CONSTRAINT "sms_messages_pkey" TO "sms_messages_unpartitioned_pkey";
ALTER INDEX "sms_messages_phone_created_at_idx" RENAME TO "sms_messages_unpartitioned_phone_idx";
ALTER INDEX "sms_messages_created_at_idx" RENAME TO "sms_messages_unpartitioned_created_at_idx";
ALTER INDEX "sms_messages_status_created_at_idx" RENAME TO "sms_messages_unpartitioned_status_idx";
ALTER INDEX "sms_messages_provider_provider_message_id_idx" RENAME TO "sms_messages_unpartitioned_provider_idx";

CREATE TABLE "sms_messages" (LIKE "sms_messages_unpartitioned" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
  PARTITION BY RANGE ("created_at");

ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_pkey" PRIMARY KEY ("id", "created_at");
CREATE INDEX "sms_messages_phone_created_at_idx" ON "sms_messages"("phone", "created_at");
CREATE INDEX "sms_messages_created_at_idx" ON "sms_messages"("created_at");
CREATE INDEX "sms_messages_status_created_at_idx" ON "sms_messages"("status", "created_at");
CREATE INDEX "sms_messages_provider_provider_message_id_idx" ON "sms_messages"("provider", "provider_message_id");

-- Rows of a month that has no partition yet (the maintenance job was not running, a clock far
-- off) land here rather than fail; creating their month moves them out.
CREATE TABLE "sms_messages_default" PARTITION OF "sms_messages" DEFAULT;

-- Adds the partition of the month holding `month` (named sms_messages_YYYY_MM, bounds at UTC
-- midnight), moving that month's rows out of the default partition. Answers whether it was
-- created. Called by the maintenance job ahead of time (libs/delivery/src/records).
CREATE FUNCTION "sms_messages_add_month"("month" timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  first_day timestamp := date_trunc('month', "month" AT TIME ZONE 'UTC');
  lower_bound timestamptz := first_day AT TIME ZONE 'UTC';
  upper_bound timestamptz := (first_day + interval '1 month') AT TIME ZONE 'UTC';
  partition_name text := 'sms_messages_' || to_char(first_day, 'YYYY_MM');
BEGIN
  -- One creator at a time (two workers' jobs, the migration).
  PERFORM pg_advisory_xact_lock(hashtext('sms_messages_add_month'));
  IF to_regclass(quote_ident(partition_name)) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE "sms_messages" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                 partition_name);
  EXECUTE format('WITH moved AS (DELETE FROM "sms_messages_default"
                   WHERE "created_at" >= $1 AND "created_at" < $2 RETURNING *)
                  INSERT INTO %I SELECT * FROM moved', partition_name)
    USING lower_bound, upper_bound;
  -- Attaching builds the partition's copies of the table's indexes and primary key.
  EXECUTE format('ALTER TABLE "sms_messages" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                 partition_name, lower_bound, upper_bound);
  RETURN true;
END
$$;

-- A partition for every month the existing rows cover, and the next three.
SELECT "sms_messages_add_month"(m)
  FROM generate_series(
         date_trunc('month', LEAST(
           COALESCE((SELECT min("created_at") FROM "sms_messages_unpartitioned"), now()),
           now()) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
         GREATEST(COALESCE((SELECT max("created_at") FROM "sms_messages_unpartitioned"), now()),
                  now()) + interval '3 months',
         interval '1 month') AS m;

INSERT INTO "sms_messages" SELECT * FROM "sms_messages_unpartitioned";
DROP TABLE "sms_messages_unpartitioned";
