-- The daily rollup of message records behind GET /v1/admin/sms/stats: the stats over whole UTC
-- days read it instead of counting sms_messages (15 s for 30 days at 50 million rows,
-- docs/partitioning.md). It stays exactly what sms_messages holds:
--
-- * Statement triggers on sms_messages (insert, update, delete) and on sms_replies (an opt-out
--   reply) append each statement's net change, grouped, to sms_message_daily_changes, in the
--   writer's own transaction: a write that rolls back leaves no change, a retried write whose
--   row is already in its final state changes nothing, and a status moving (sent -> delivered)
--   subtracts from its old group and adds to its new one. Writers only append, so N workers
--   never wait on one another's counters (nor deadlock on them).
-- * sms_message_daily_fold() (the maintenance job fold-sms-stats) moves the pending changes into
--   sms_message_daily in one transaction; the stats read both tables in one statement (one
--   snapshot), so a fold is never seen half done and pending changes are never missed.
-- * Rows moved or loaded into a partition by name (creating a month moves the default
--   partition's rows; bench/partitioning fills months before attaching them) fire no trigger of
--   sms_messages, which is right for a move and why a load runs sms_message_daily_rebuild().

CREATE TABLE "sms_message_daily" (
    "day"           DATE NOT NULL,
    "template_name" TEXT,
    "signature"     TEXT,
    "provider"      TEXT NOT NULL,
    "status"        "sms_message_status" NOT NULL,
    "region"        TEXT,
    "channel"       "message_channel" NOT NULL,
    "kind"          "sms_template_kind" NOT NULL,
    "campaign_id"   UUID,
    -- Messages of the group; their segments; codes verified; messages with an opt-out reply.
    "messages"      BIGINT NOT NULL,
    "segments"      BIGINT NOT NULL,
    "verified"      BIGINT NOT NULL,
    "opt_outs"      BIGINT NOT NULL
);

-- One row per group; NULLS NOT DISTINCT so that a group without a template or campaign is one
-- row too (PostgreSQL 15, the version compose and the tests run).
CREATE UNIQUE INDEX "sms_message_daily_group_key" ON "sms_message_daily"
  ("day", "provider", "status", "channel", "kind", "template_name", "signature", "region", "campaign_id")
  NULLS NOT DISTINCT;

-- The same columns, appended to by the triggers, emptied by the fold.
CREATE TABLE "sms_message_daily_changes" ("id" BIGSERIAL PRIMARY KEY, LIKE "sms_message_daily");
CREATE INDEX "sms_message_daily_changes_day_idx" ON "sms_message_daily_changes" ("day");

-- Whether a message has an opt-out reply, per row the triggers look at.
CREATE INDEX "sms_replies_opt_out_message_id_idx" ON "sms_replies" ("message_id") WHERE "opt_out";

-- Appends what the changed rows of sms_messages add to the rollup, grouped: `sign` 1 for rows
-- now there, -1 for rows gone (an update is both); groups whose changes cancel out (an update
-- of a column the stats do not count: attempts, a receipt's code) are left out. The rows come
-- from the statement's transition tables; each trigger has only the ones of its event, hence
-- the query picked by TG_OP (a static query naming old_rows would not plan for an insert).
CREATE FUNCTION "sms_message_daily_record"() RETURNS trigger
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
      ("day", "template_name", "signature", "provider", "status", "region", "channel", "kind",
       "campaign_id", "messages", "segments", "verified", "opt_outs")
    SELECT ("created_at" AT TIME ZONE 'UTC')::date, "template_name", "signature", "provider",
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

-- Statement triggers on the partitioned table fire for statements on sms_messages itself, not
-- for a partition named directly (see the top). The service writes through sms_messages.
CREATE TRIGGER "sms_message_daily_inserted" AFTER INSERT ON "sms_messages"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "sms_message_daily_record"();
CREATE TRIGGER "sms_message_daily_updated" AFTER UPDATE ON "sms_messages"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "sms_message_daily_record"();
CREATE TRIGGER "sms_message_daily_deleted" AFTER DELETE ON "sms_messages"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "sms_message_daily_record"();

-- A message's first opt-out reply counts it once in its group. The message's row is locked
-- first, so that (a) a receipt moving the message to another group waits for this reply, or
-- this reply for it, and the later one sees the other's change, and (b) two first replies
-- to one message count it once (the second sees the first's reply). Replies are only ever
-- inserted (matched to a message already recorded), never updated or deleted.
CREATE FUNCTION "sms_message_daily_record_opt_outs"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "sms_messages" m
    WHERE m."id" IN (SELECT "message_id" FROM new_replies WHERE "opt_out")
    ORDER BY m."id" FOR UPDATE;
  -- A new statement: it sees what committed while waiting for those locks.
  INSERT INTO "sms_message_daily_changes"
    ("day", "template_name", "signature", "provider", "status", "region", "channel", "kind",
     "campaign_id", "messages", "segments", "verified", "opt_outs")
  SELECT (m."created_at" AT TIME ZONE 'UTC')::date, m."template_name", m."signature",
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

CREATE TRIGGER "sms_message_daily_opt_outs" AFTER INSERT ON "sms_replies"
  REFERENCING NEW TABLE AS new_replies
  FOR EACH STATEMENT EXECUTE FUNCTION "sms_message_daily_record_opt_outs"();

-- Moves up to `max_changes` pending changes into sms_message_daily, oldest first, in one
-- transaction; answers how many it moved (0 while another process folds: one folder at a time,
-- so that two never update the same groups in different orders). Groups left at zero go.
CREATE FUNCTION "sms_message_daily_fold"("max_changes" integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('sms_message_daily')) THEN
    RETURN 0;
  END IF;
  IF to_regclass('pg_temp.sms_message_daily_folding') IS NULL THEN
    CREATE TEMP TABLE "sms_message_daily_folding" (LIKE "sms_message_daily") ON COMMIT DELETE ROWS;
  END IF;
  WITH taken AS (
    DELETE FROM "sms_message_daily_changes"
     WHERE "id" IN (SELECT "id" FROM "sms_message_daily_changes" ORDER BY "id" LIMIT "max_changes")
    RETURNING *
  ), grouped AS (
    INSERT INTO "sms_message_daily_folding"
    SELECT "day", "template_name", "signature", "provider", "status", "region", "channel", "kind",
           "campaign_id", sum("messages"), sum("segments"), sum("verified"), sum("opt_outs")
      FROM taken GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  )
  SELECT count(*) INTO moved FROM taken;
  INSERT INTO "sms_message_daily" AS d SELECT * FROM "sms_message_daily_folding"
      ON CONFLICT ("day", "provider", "status", "channel", "kind", "template_name", "signature",
                   "region", "campaign_id")
      DO UPDATE SET "messages" = d."messages" + excluded."messages",
                    "segments" = d."segments" + excluded."segments",
                    "verified" = d."verified" + excluded."verified",
                    "opt_outs" = d."opt_outs" + excluded."opt_outs";
  DELETE FROM "sms_message_daily" d
   USING "sms_message_daily_folding" f
   WHERE (d."day", d."provider", d."status", d."channel", d."kind") =
         (f."day", f."provider", f."status", f."channel", f."kind")
     AND d."template_name" IS NOT DISTINCT FROM f."template_name"
     AND d."signature" IS NOT DISTINCT FROM f."signature"
     AND d."region" IS NOT DISTINCT FROM f."region"
     AND d."campaign_id" IS NOT DISTINCT FROM f."campaign_id"
     AND d."messages" = 0 AND d."segments" = 0 AND d."verified" = 0 AND d."opt_outs" = 0;
  RETURN moved;
END
$$;

-- Recomputes the rollup of the UTC days [from_day, to_day) from sms_messages, dropping their
-- pending changes: after rows were loaded into a partition by name (bench/partitioning), or to
-- check it. Writers of sms_messages wait meanwhile (SHARE lock), so nothing is counted twice
-- or missed; about 20 s a month at 4 million rows a month.
CREATE FUNCTION "sms_message_daily_rebuild"("from_day" date, "to_day" date) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  groups bigint;
BEGIN
  LOCK TABLE "sms_messages" IN SHARE MODE;
  PERFORM pg_advisory_xact_lock(hashtext('sms_message_daily'));
  DELETE FROM "sms_message_daily_changes" WHERE "day" >= "from_day" AND "day" < "to_day";
  DELETE FROM "sms_message_daily" WHERE "day" >= "from_day" AND "day" < "to_day";
  INSERT INTO "sms_message_daily"
  SELECT ("created_at" AT TIME ZONE 'UTC')::date, "template_name", "signature", "provider",
         "status", "region", "channel", "kind", "campaign_id",
         count(*), sum("segments"), count(*) FILTER (WHERE "verified_at" IS NOT NULL),
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "sms_replies" r
                                         WHERE r."message_id" = m."id" AND r."opt_out"))
    FROM "sms_messages" m
   WHERE "created_at" >= ("from_day"::timestamp AT TIME ZONE 'UTC')
     AND "created_at" < ("to_day"::timestamp AT TIME ZONE 'UTC')
     AND NOT "test_number"
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
  GET DIAGNOSTICS groups = ROW_COUNT;
  RETURN groups;
END
$$;

-- Forgets the UTC days [from_day, to_day) of the rollup: retention dropping a month's partition
-- (which fires no trigger) calls it in the same transaction. It waits for a fold in progress,
-- which could otherwise write back a change of those days after this deleted them.
CREATE FUNCTION "sms_message_daily_forget"("from_day" date, "to_day" date) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('sms_message_daily'));
  DELETE FROM "sms_message_daily_changes" WHERE "day" >= "from_day" AND "day" < "to_day";
  DELETE FROM "sms_message_daily" WHERE "day" >= "from_day" AND "day" < "to_day";
END
$$;

-- The records written before this migration (the triggers above already hold their lock on
-- sms_messages, so no write slips between).
SELECT "sms_message_daily_rebuild"(
  COALESCE((SELECT min("created_at" AT TIME ZONE 'UTC')::date FROM "sms_messages"), CURRENT_DATE),
  COALESCE((SELECT max("created_at" AT TIME ZONE 'UTC')::date + 1 FROM "sms_messages"), CURRENT_DATE));
