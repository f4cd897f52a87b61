-- Per-day totals by status and kind beside the hourly, daily and monthly rollups, for the `day`
-- grouping of the stats: its keys are days, so it cannot read the monthly rollup, and a year by
-- day read every daily row of the year (~1,960 groups a day at 50 million messages,
-- docs/partitioning.md). Its SELECT only filters by "status" and "kind", so whole days need no
-- more than these ~10 rows a day.
--
-- A day's totals are the sum of its daily rows by (status, kind). The fold adds each change to
-- its hour, day, month and these totals in one transaction; rebuild and forget keep them that
-- sum (the invariant the stats rely on to read either).

-- One folder, rebuild or forget at a time (they all take this lock): none runs between the
-- backfill below and the new function bodies. Writers are not held: they only append changes,
-- which stay pending and are folded into all four by the new fold.
SELECT pg_advisory_xact_lock(hashtext('sms_message_daily'));

CREATE TABLE "sms_message_day_totals" (
    "day"       DATE NOT NULL,
    "status"    "sms_message_status" NOT NULL,
    "kind"      "sms_template_kind" NOT NULL,
    "messages"  BIGINT NOT NULL,
    "segments"  BIGINT NOT NULL,
    "verified"  BIGINT NOT NULL,
    "opt_outs"  BIGINT NOT NULL,

    CONSTRAINT "sms_message_day_totals_pkey" PRIMARY KEY ("day", "status", "kind")
);

-- sms_message_rollup_add (20261231000000) with the group key given: the day totals' key is
-- (day, status, kind), the other rollups' their bucket and the eight group columns.
CREATE FUNCTION "sms_message_rollup_upsert"("rollup" text, "folding" text, "group_key" text[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  zero_rows tid[];
BEGIN
  EXECUTE format($sql$
    WITH upserted AS (
      INSERT INTO %1$I AS r SELECT * FROM %2$I
          ON CONFLICT (%3$s)
          DO UPDATE SET "messages" = r."messages" + excluded."messages",
                        "segments" = r."segments" + excluded."segments",
                        "verified" = r."verified" + excluded."verified",
                        "opt_outs" = r."opt_outs" + excluded."opt_outs"
        RETURNING r.ctid AS row_id, r."messages", r."segments", r."verified", r."opt_outs"
    )
    SELECT array_agg(row_id) FROM upserted
     WHERE "messages" = 0 AND "segments" = 0 AND "verified" = 0 AND "opt_outs" = 0
  $sql$, "rollup", "folding",
    (SELECT string_agg(quote_ident("column"), ', ') FROM unnest("group_key") AS "column"))
  INTO zero_rows;
  EXECUTE format('DELETE FROM %I WHERE ctid = ANY($1)', "rollup") USING zero_rows;
END
$$;

CREATE OR REPLACE FUNCTION "sms_message_rollup_add"("rollup" text, "folding" text, "bucket" text)
RETURNS void
LANGUAGE sql AS $$
  SELECT "sms_message_rollup_upsert"("rollup", "folding",
    ARRAY["bucket", 'provider', 'status', 'channel', 'kind', 'template_name', 'signature',
          'region', 'campaign_id'])
$$;

-- Recomputes the day totals of the UTC days [from_day, to_day) from the daily rollup (their
-- folded part; pending changes are folded into both alike). Callers hold the lock.
CREATE FUNCTION "sms_message_day_totals_resum"("from_day" date, "to_day" date) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "sms_message_day_totals" WHERE "day" >= "from_day" AND "day" < "to_day";
  INSERT INTO "sms_message_day_totals"
  SELECT "day", "status", "kind", sum("messages"), sum("segments"), sum("verified"), sum("opt_outs")
    FROM "sms_message_daily"
   WHERE "day" >= "from_day" AND "day" < "to_day"
   GROUP BY 1, 2, 3;
END
$$;

-- As in 20270104000000, adding the day totals summed from the daily groups.
CREATE OR REPLACE FUNCTION "sms_message_daily_fold"("max_changes" integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('sms_message_daily')) THEN
    RETURN 0;
  END IF;
  IF to_regclass('pg_temp.sms_message_hourly_folding') IS NULL THEN
    CREATE TEMP TABLE "sms_message_hourly_folding" (LIKE "sms_message_hourly") ON COMMIT DELETE ROWS;
  END IF;
  IF to_regclass('pg_temp.sms_message_daily_folding') IS NULL THEN
    CREATE TEMP TABLE "sms_message_daily_folding" (LIKE "sms_message_daily") ON COMMIT DELETE ROWS;
  END IF;
  IF to_regclass('pg_temp.sms_message_monthly_folding') IS NULL THEN
    CREATE TEMP TABLE "sms_message_monthly_folding" (LIKE "sms_message_monthly") ON COMMIT DELETE ROWS;
  END IF;
  IF to_regclass('pg_temp.sms_message_day_totals_folding') IS NULL THEN
    CREATE TEMP TABLE "sms_message_day_totals_folding" (LIKE "sms_message_day_totals")
      ON COMMIT DELETE ROWS;
  END IF;
  -- Emptied at commit; emptied here too for a second fold in one transaction.
  DELETE FROM "sms_message_hourly_folding";
  DELETE FROM "sms_message_daily_folding";
  DELETE FROM "sms_message_monthly_folding";
  DELETE FROM "sms_message_day_totals_folding";
  WITH taken AS (
    DELETE FROM "sms_message_stats_changes"
     WHERE "id" IN (SELECT "id" FROM "sms_message_stats_changes" ORDER BY "id" LIMIT "max_changes")
    RETURNING *
  ), grouped AS (
    INSERT INTO "sms_message_hourly_folding"
    SELECT "hour", "template_name", "signature", "provider", "status", "region", "channel", "kind",
           "campaign_id", sum("messages"), sum("segments"), sum("verified"), sum("opt_outs")
      FROM taken GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  )
  SELECT count(*) INTO moved FROM taken;
  INSERT INTO "sms_message_daily_folding"
  SELECT ("hour" AT TIME ZONE 'UTC')::date, "template_name", "signature", "provider", "status",
         "region", "channel", "kind", "campaign_id",
         sum("messages"), sum("segments"), sum("verified"), sum("opt_outs")
    FROM "sms_message_hourly_folding" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  INSERT INTO "sms_message_monthly_folding"
  SELECT "sms_message_month"("day"), "template_name", "signature", "provider", "status",
         "region", "channel", "kind", "campaign_id",
         sum("messages"), sum("segments"), sum("verified"), sum("opt_outs")
    FROM "sms_message_daily_folding" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  INSERT INTO "sms_message_day_totals_folding"
  SELECT "day", "status", "kind", sum("messages"), sum("segments"), sum("verified"), sum("opt_outs")
    FROM "sms_message_daily_folding" GROUP BY 1, 2, 3;

  PERFORM "sms_message_rollup_add"('sms_message_hourly', 'sms_message_hourly_folding', 'hour');
  PERFORM "sms_message_rollup_add"('sms_message_daily', 'sms_message_daily_folding', 'day');
  PERFORM "sms_message_rollup_add"('sms_message_monthly', 'sms_message_monthly_folding', 'month');
  PERFORM "sms_message_rollup_upsert"('sms_message_day_totals', 'sms_message_day_totals_folding',
                                      ARRAY['day', 'status', 'kind']);
  RETURN moved;
END
$$;

-- As in 20270104000000, the forgotten days' totals going with their daily rows.
CREATE OR REPLACE FUNCTION "sms_message_daily_forget"("from_day" date, "to_day" date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  from_hour timestamptz := "from_day"::timestamp AT TIME ZONE 'UTC';
  to_hour timestamptz := "to_day"::timestamp AT TIME ZONE 'UTC';
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('sms_message_daily'));
  DELETE FROM "sms_message_stats_changes" WHERE "hour" >= from_hour AND "hour" < to_hour;
  DELETE FROM "sms_message_hourly" WHERE "hour" >= from_hour AND "hour" < to_hour;
  DELETE FROM "sms_message_daily" WHERE "day" >= "from_day" AND "day" < "to_day";
  DELETE FROM "sms_message_day_totals" WHERE "day" >= "from_day" AND "day" < "to_day";
  PERFORM "sms_message_monthly_resum"("from_day", "to_day");
END
$$;

-- As in 20270104000000, then the rebuilt days' totals summed from the daily rollup.
CREATE OR REPLACE FUNCTION "sms_message_daily_rebuild"("from_day" date, "to_day" date) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  groups bigint;
  from_hour timestamptz := "from_day"::timestamp AT TIME ZONE 'UTC';
  to_hour timestamptz := "to_day"::timestamp AT TIME ZONE 'UTC';
BEGIN
  LOCK TABLE "sms_messages" IN SHARE MODE;
  PERFORM "sms_message_daily_forget"("from_day", "to_day");
  INSERT INTO "sms_message_hourly"
  SELECT "sms_message_hour"("created_at"), "template_name", "signature", "provider",
         "status", "region", "channel", "kind", "campaign_id",
         count(*), sum("segments"), count(*) FILTER (WHERE "verified_at" IS NOT NULL),
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "sms_replies" r
                                         WHERE r."message_id" = m."id" AND r."opt_out"))
    FROM "sms_messages" m
   WHERE "created_at" >= from_hour AND "created_at" < to_hour AND NOT "test_number"
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  INSERT INTO "sms_message_daily"
  SELECT ("hour" AT TIME ZONE 'UTC')::date, "template_name", "signature", "provider", "status",
         "region", "channel", "kind", "campaign_id",
         sum("messages"), sum("segments"), sum("verified"), sum("opt_outs")
    FROM "sms_message_hourly"
   WHERE "hour" >= from_hour AND "hour" < to_hour
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  GET DIAGNOSTICS groups = ROW_COUNT;
  PERFORM "sms_message_monthly_resum"("from_day", "to_day");
  PERFORM "sms_message_day_totals_resum"("from_day", "to_day");
  RETURN groups;
END
$$;

-- The totals of the days folded so far, from the daily rollup (exact for them; the pending
-- changes are folded into all four by the fold above): no read of sms_messages. Nothing for an
-- empty rollup (min and max are NULL).
SELECT "sms_message_day_totals_resum"(min("day"), max("day") + 1) FROM "sms_message_daily";
