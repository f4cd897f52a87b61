-- The pending changes feed both rollups since 20261231000000 (the hourly one too): the table is
-- named for that now, sms_message_daily_changes -> sms_message_stats_changes, with its key, index
-- and sequence. Nothing else changes: same columns, same rows (the pending changes stay pending).
--
-- The functions that name the table are recreated with the new name, their bodies otherwise as
-- in 20261231000000: PL/pgSQL resolves a table name when a statement first runs in a session,
-- not at CREATE FUNCTION, so the old bodies would fail on the renamed table. The functions keep
-- their names (sms_message_daily_fold, _rebuild, _forget, _record, _record_opt_outs): the
-- triggers, the fold job and retention call them by those names, so an instance of the previous
-- release still running during a rolling upgrade keeps writing, folding and dropping months;
-- only its stats reads (which name the table) fail until it is replaced.
-- sms_message_rollup_add takes the table names as arguments and needs no change.
--
-- Writers wait for the migration (the table and its writers' functions change together): a
-- statement of sms_messages or sms_replies between the rename and the new bodies would fail.
LOCK TABLE "sms_messages" IN SHARE MODE;
LOCK TABLE "sms_replies" IN SHARE MODE;

ALTER TABLE "sms_message_daily_changes" RENAME TO "sms_message_stats_changes";
ALTER TABLE "sms_message_stats_changes"
  RENAME CONSTRAINT "sms_message_daily_changes_pkey" TO "sms_message_stats_changes_pkey";
ALTER INDEX "sms_message_daily_changes_hour_idx" RENAME TO "sms_message_stats_changes_hour_idx";
ALTER SEQUENCE "sms_message_daily_changes_id_seq" RENAME TO "sms_message_stats_changes_id_seq";

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
    INSERT INTO "sms_message_stats_changes"
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

CREATE OR REPLACE FUNCTION "sms_message_daily_record_opt_outs"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "sms_messages" m
    WHERE m."id" IN (SELECT "message_id" FROM new_replies WHERE "opt_out")
    ORDER BY m."id" FOR UPDATE;
  -- A new statement: it sees what committed while waiting for those locks.
  INSERT INTO "sms_message_stats_changes"
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

  PERFORM "sms_message_rollup_add"('sms_message_hourly', 'sms_message_hourly_folding', 'hour');
  PERFORM "sms_message_rollup_add"('sms_message_daily', 'sms_message_daily_folding', 'day');
  RETURN moved;
END
$$;

-- sms_message_daily_rebuild starts with what sms_message_daily_forget does (the advisory lock
-- and the three deletes, repeated in 20261231000000): it calls it now, so forget comes first.
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
END
$$;

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
  RETURN groups;
END
$$;
