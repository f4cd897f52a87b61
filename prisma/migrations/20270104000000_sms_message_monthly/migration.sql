-- A monthly rollup beside the daily and hourly ones (20261228000000, 20261231000000), so that the
-- whole UTC months of a stats range are read from it: a year grouped by anything but the day read
-- 711,610 daily rows (~1,960 groups a day) at 50 million messages, 0.7-0.9 s warm and 1.0 s on
-- the first call after a restart (docs/partitioning.md); a month holds about as many groups as
-- a day, so a year is some 12 rows a group. The day grouping cannot use it (its keys are days)
-- and keeps reading the daily rollup.
--
-- Same columns and grouping as sms_message_daily, bucketed by the UTC month of the day ("month",
-- the month's first day): a day is ("created_at" AT TIME ZONE 'UTC')::date, its month that date
-- truncated, so a month is exactly the days of the daily rollup it sums. The fold adds each
-- change to its hour, its day and its month in one transaction; rebuild and forget keep it the
-- sum of the daily rows of its month (the invariant the stats rely on to read either).

-- One folder, rebuild or forget at a time (they all take this lock): none runs between the
-- backfill below and the new function bodies. Writers are not held: they only append changes,
-- which stay pending and are folded into all three rollups by the new fold.
SELECT pg_advisory_xact_lock(hashtext('sms_message_daily'));

CREATE TABLE "sms_message_monthly" (
    "month"         DATE NOT NULL,
    "template_name" TEXT,
    "signature"     TEXT,
    "provider"      TEXT NOT NULL,
    "status"        "sms_message_status" NOT NULL,
    "region"        TEXT,
    "channel"       "message_channel" NOT NULL,
    "kind"          "sms_template_kind" NOT NULL,
    "campaign_id"   UUID,
    "messages"      BIGINT NOT NULL,
    "segments"      BIGINT NOT NULL,
    "verified"      BIGINT NOT NULL,
    "opt_outs"      BIGINT NOT NULL
);

CREATE UNIQUE INDEX "sms_message_monthly_group_key" ON "sms_message_monthly"
  ("month", "provider", "status", "channel", "kind", "template_name", "signature", "region", "campaign_id")
  NULLS NOT DISTINCT;

-- The UTC month of a day of the rollups: as timestamp (without zone), so that the session's
-- time zone plays no part (date_trunc of a date alone would pick the timestamptz variant).
CREATE FUNCTION "sms_message_month"("day" date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT date_trunc('month', "day"::timestamp)::date $$;

-- Recomputes the monthly rows of every month that [from_day, to_day) touches from the daily
-- rollup (their folded part; pending changes are folded into both alike). Callers hold the lock.
CREATE FUNCTION "sms_message_monthly_resum"("from_day" date, "to_day" date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  from_month date := "sms_message_month"("from_day");
BEGIN
  DELETE FROM "sms_message_monthly" WHERE "month" >= from_month AND "month" < "to_day";
  INSERT INTO "sms_message_monthly"
  SELECT "sms_message_month"("day"), "template_name", "signature", "provider", "status",
         "region", "channel", "kind", "campaign_id",
         sum("messages"), sum("segments"), sum("verified"), sum("opt_outs")
    FROM "sms_message_daily"
   WHERE "day" >= from_month AND "day" < "sms_message_month"("to_day" - 1) + interval '1 month'
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
END
$$;

-- As in 20270103000000, adding the monthly groups summed from the daily ones.
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
  -- Emptied at commit; emptied here too for a second fold in one transaction.
  DELETE FROM "sms_message_hourly_folding";
  DELETE FROM "sms_message_daily_folding";
  DELETE FROM "sms_message_monthly_folding";
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

  PERFORM "sms_message_rollup_add"('sms_message_hourly', 'sms_message_hourly_folding', 'hour');
  PERFORM "sms_message_rollup_add"('sms_message_daily', 'sms_message_daily_folding', 'day');
  PERFORM "sms_message_rollup_add"('sms_message_monthly', 'sms_message_monthly_folding', 'month');
  RETURN moved;
END
$$;

-- As in 20270103000000, then the months it touched summed again from what is left of their
-- days (retention forgets whole months, whose monthly rows simply go).
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
  PERFORM "sms_message_monthly_resum"("from_day", "to_day");
END
$$;

-- As in 20270103000000, then the months of the rebuilt days summed from the daily rollup.
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
  RETURN groups;
END
$$;

-- The months of the records folded so far, from the daily rollup (exact for them; the pending
-- changes are folded into all three by the fold above): no read of sms_messages. Nothing for an
-- empty rollup (min and max are NULL).
SELECT "sms_message_monthly_resum"(min("day"), max("day") + 1) FROM "sms_message_daily";
