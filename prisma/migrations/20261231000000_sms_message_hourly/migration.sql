-- An hourly rollup beside the daily one (migration 20261228000000), so that a stats range cut
-- inside days reads its partial days from it instead of from sms_messages: the default "last 30
-- days" (08:30 to 08:30) read 134,000 raw rows, 1.5-1.9 s at 50 million rows; now only the
-- parts of the range that are not whole UTC hours (two partial hours at most) are read raw.
--
-- A second rollup rather than the daily one's bucket made an hour: an hour holds almost as many
-- groups as a day (935 against 1,978 on the generated table, docs/partitioning.md), so by-hour
-- rows are 11 times the daily ones and 30 whole days would read 670,000 of them instead of
-- 59,000. The daily rollup keeps answering whole days; the hourly one only the ends.
--
-- The pending changes the triggers append are now bucketed by UTC hour (column "hour" instead
-- of "day"): the fold adds each change to its hour and to its hour's day, in one transaction,
-- so both rollups stay exactly what sms_messages holds, and the stats read the changes of every
-- part of a range with one condition. The triggers' cost stays one grouped INSERT a statement.

-- Writers wait for the whole migration (as in 20261228000000): nothing is written between the
-- fold of the old changes and the triggers' new shape, nor while the hourly rollup is built.
LOCK TABLE "sms_messages" IN SHARE MODE;
LOCK TABLE "sms_replies" IN SHARE MODE;

-- The pending changes only know their day: fold them all into the daily rollup first, in one
-- call (the fold's scratch table empties at commit only), waiting for a fold job in progress.
DO $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('sms_message_daily'));
  PERFORM "sms_message_daily_fold"(2147483647);
  IF EXISTS (SELECT 1 FROM "sms_message_daily_changes") THEN
    RAISE EXCEPTION 'sms_message_daily_changes not folded';
  END IF;
END
$$;

CREATE TABLE "sms_message_hourly" (
    "hour"          TIMESTAMPTZ NOT NULL,
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

CREATE UNIQUE INDEX "sms_message_hourly_group_key" ON "sms_message_hourly"
  ("hour", "provider", "status", "channel", "kind", "template_name", "signature", "region", "campaign_id")
  NULLS NOT DISTINCT;

-- Empty now (folded above).
DROP INDEX "sms_message_daily_changes_day_idx";
ALTER TABLE "sms_message_daily_changes" DROP COLUMN "day";
ALTER TABLE "sms_message_daily_changes" ADD COLUMN "hour" TIMESTAMPTZ NOT NULL;
CREATE INDEX "sms_message_daily_changes_hour_idx" ON "sms_message_daily_changes" ("hour");

-- The UTC hour of a message: date_trunc in UTC, whatever the session's time zone (a zone of
-- +05:30 would cut hours at half past otherwise).
CREATE FUNCTION "sms_message_hour"("created_at" timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT date_trunc('hour', "created_at", 'UTC') $$;

-- As in 20261228000000, bucketed by hour.
CREATE OR REPLACE FUNCTION "sms_message_daily_record"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed_rows text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM old_rows o'
    ELSE 'SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 AS sign FROM old_rows o'
  END;
BEGIN
  EXECUTE format($sql$
    INSERT INTO "sms_message_daily_changes"
      ("hour", "template_name", "signature", "provider", "status", "region", "channel", "kind",
       "campaign_id", "messages", "segments", "verified", "opt_outs")
    SELECT "sms_message_hour"("created_at"), "template_name", "signature", "provider",
           "status", "region", "channel", "kind", "campaign_id",
           sum(sign), sum(sign * "segments"),
           coalesce(sum(sign) FILTER (WHERE "verified_at" IS NOT NULL), 0),
           coalesce(sum(sign) FILTER (WHERE opted_out), 0)
      FROM (SELECT c.*, EXISTS (SELECT 1 FROM "sms_replies" r
                                 WHERE r."message_id" = c."id" AND r."opt_out") AS opted_out
              FROM (%s) AS c
             WHERE NOT c."test_number") AS changed
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    HAVING sum(sign) <> 0 OR sum(sign * "segments") <> 0
        OR coalesce(sum(sign) FILTER (WHERE "verified_at" IS NOT NULL), 0) <> 0
        OR coalesce(sum(sign) FILTER (WHERE opted_out), 0) <> 0
  $sql$, changed_rows);
  RETURN NULL;
END
$$;

-- As in 20261228000000, bucketed by hour.
CREATE OR REPLACE FUNCTION "sms_message_daily_record_opt_outs"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "sms_messages" m
    WHERE m."id" IN (SELECT "message_id" FROM new_replies WHERE "opt_out")
    ORDER BY m."id" FOR UPDATE;
  -- A new statement: it sees what committed while waiting for those locks.
  INSERT INTO "sms_message_daily_changes"
    ("hour", "template_name", "signature", "provider", "status", "region", "channel", "kind",
     "campaign_id", "messages", "segments", "verified", "opt_outs")
  SELECT "sms_message_hour"(m."created_at"), m."template_name", m."signature",
         m."provider", m."status", m."region", m."channel", m."kind", m."campaign_id",
         0, 0, 0, count(*)
    FROM "sms_messages" m
   WHERE m."id" IN (SELECT "message_id" FROM new_replies WHERE "opt_out")
     AND NOT m."test_number"
     AND NOT EXISTS (SELECT 1 FROM "sms_replies" r
                      WHERE r."message_id" = m."id" AND r."opt_out"
                        AND r."id" NOT IN (SELECT "id" FROM new_replies))
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  RETURN NULL;
END
$$;

-- Adds the folded groups of `folding` to `rollup` (sms_message_hourly or sms_message_daily,
-- whose bucket column is `bucket`) and deletes the groups it left at zero. Those are found by
-- the upsert itself (the rows it returns at zero, deleted by ctid, a TID scan): a join of the
-- rollup with the folded groups on their nullable key cannot hash (IS NOT DISTINCT FROM), and
-- its nested loop took 45 s for 10,000 zero groups of the hourly rollup.
CREATE FUNCTION "sms_message_rollup_add"("rollup" text, "folding" text, "bucket" text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  zero_rows tid[];
BEGIN
  EXECUTE format($sql$
    WITH upserted AS (
      INSERT INTO %1$I AS r SELECT * FROM %2$I
          ON CONFLICT (%3$I, "provider", "status", "channel", "kind", "template_name", "signature",
                       "region", "campaign_id")
          DO UPDATE SET "messages" = r."messages" + excluded."messages",
                        "segments" = r."segments" + excluded."segments",
                        "verified" = r."verified" + excluded."verified",
                        "opt_outs" = r."opt_outs" + excluded."opt_outs"
        RETURNING r.ctid AS row_id, r."messages", r."segments", r."verified", r."opt_outs"
    )
    SELECT array_agg(row_id) FROM upserted
     WHERE "messages" = 0 AND "segments" = 0 AND "verified" = 0 AND "opt_outs" = 0
  $sql$, "rollup", "folding", "bucket") INTO zero_rows;
  EXECUTE format('DELETE FROM %I WHERE ctid = ANY($1)', "rollup") USING zero_rows;
END
$$;

-- Moves up to `max_changes` pending changes into both rollups, oldest first, in one
-- transaction (so the stats, which read both with the changes in one snapshot, never see one
-- rollup folded and not the other); answers how many it moved, 0 while another process folds.
-- The taken changes are grouped by hour once; the daily groups are those summed by day.
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
  -- Emptied at commit; emptied here too for a second fold in one transaction.
  DELETE FROM "sms_message_hourly_folding";
  DELETE FROM "sms_message_daily_folding";
  WITH taken AS (
    DELETE FROM "sms_message_daily_changes"
     WHERE "id" IN (SELECT "id" FROM "sms_message_daily_changes" ORDER BY "id" LIMIT "max_changes")
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

  PERFORM "sms_message_rollup_add"('sms_message_hourly', 'sms_message_hourly_folding', 'hour');
  PERFORM "sms_message_rollup_add"('sms_message_daily', 'sms_message_daily_folding', 'day');
  RETURN moved;
END
$$;

-- Recomputes both rollups of the UTC days [from_day, to_day) from sms_messages, dropping
-- their pending changes (after rows were loaded into a partition by name, or to check them).
-- Writers wait meanwhile (SHARE lock). The hourly rows are computed first and the daily ones
-- summed from them: one read of the records.
CREATE OR REPLACE FUNCTION "sms_message_daily_rebuild"("from_day" date, "to_day" date) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  groups bigint;
  from_hour timestamptz := "from_day"::timestamp AT TIME ZONE 'UTC';
  to_hour timestamptz := "to_day"::timestamp AT TIME ZONE 'UTC';
BEGIN
  LOCK TABLE "sms_messages" IN SHARE MODE;
  PERFORM pg_advisory_xact_lock(hashtext('sms_message_daily'));
  DELETE FROM "sms_message_daily_changes" WHERE "hour" >= from_hour AND "hour" < to_hour;
  DELETE FROM "sms_message_hourly" WHERE "hour" >= from_hour AND "hour" < to_hour;
  DELETE FROM "sms_message_daily" WHERE "day" >= "from_day" AND "day" < "to_day";
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
  RETURN groups;
END
$$;

-- Forgets the UTC days [from_day, to_day) of both rollups: retention dropping a month's
-- partition calls it in the same transaction. It waits for a fold in progress.
CREATE OR REPLACE FUNCTION "sms_message_daily_forget"("from_day" date, "to_day" date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  from_hour timestamptz := "from_day"::timestamp AT TIME ZONE 'UTC';
  to_hour timestamptz := "to_day"::timestamp AT TIME ZONE 'UTC';
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('sms_message_daily'));
  DELETE FROM "sms_message_daily_changes" WHERE "hour" >= from_hour AND "hour" < to_hour;
  DELETE FROM "sms_message_hourly" WHERE "hour" >= from_hour AND "hour" < to_hour;
  DELETE FROM "sms_message_daily" WHERE "day" >= "from_day" AND "day" < "to_day";
END
$$;

-- The hourly rollup of the records written before this migration, from sms_messages (the
-- daily rollup is already exact and is left as it is).
INSERT INTO "sms_message_hourly"
SELECT "sms_message_hour"("created_at"), "template_name", "signature", "provider",
       "status", "region", "channel", "kind", "campaign_id",
       count(*), sum("segments"), count(*) FILTER (WHERE "verified_at" IS NOT NULL),
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "sms_replies" r
                                       WHERE r."message_id" = m."id" AND r."opt_out"))
  FROM "sms_messages" m
 WHERE NOT "test_number"
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
