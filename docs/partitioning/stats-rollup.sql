-- The queries the service sends since the daily rollup (migration 20261228000000), on the
-- generated table: psql -X -f docs/partitioning/stats-rollup.sql
\timing on
-- As the service sends the stats (sms-stats.repository.ts: SET LOCAL jit = off).
SET jit = off;
\set stats_select 'SELECT to_char("day", ''YYYY-MM-DD'') AS key, sum("messages")::bigint AS messages, coalesce(sum("messages") FILTER (WHERE "status" = ''sent''), 0)::bigint AS sent, coalesce(sum("messages") FILTER (WHERE "status" = ''delivered''), 0)::bigint AS delivered, coalesce(sum("messages") FILTER (WHERE "status" = ''undelivered''), 0)::bigint AS undelivered, coalesce(sum("messages") FILTER (WHERE "status" = ''unknown''), 0)::bigint AS unknown, coalesce(sum("messages") FILTER (WHERE "status" = ''failed''), 0)::bigint AS failed, coalesce(sum("segments") FILTER (WHERE "status" <> ''failed''), 0)::bigint AS segments, coalesce(sum("messages") FILTER (WHERE "kind" = ''verification'' AND "status" <> ''failed''), 0)::bigint AS codes_sent, coalesce(sum("verified") FILTER (WHERE "kind" = ''verification''), 0)::bigint AS codes_verified, coalesce(sum("opt_outs"), 0)::bigint AS opt_outs'
\set cols '"day", "template_name", "signature", "provider", "status", "region", "channel", "kind", "campaign_id"'
SELECT count(*) AS rollup_rows, min(day), max(day) FROM sms_message_daily;
SELECT count(*) AS pending_changes FROM sms_message_daily_changes;

\echo === S1 stats by day over 30 whole days (2026-10-01 to 2026-10-31): rollup only
EXPLAIN (ANALYZE, BUFFERS) :stats_select
  FROM (SELECT :cols, "messages", "segments", "verified", "opt_outs" FROM "sms_message_daily"
         WHERE "day" >= '2026-10-01' AND "day" < '2026-10-31'
        UNION ALL
        SELECT :cols, "messages", "segments", "verified", "opt_outs" FROM "sms_message_daily_changes"
         WHERE "day" >= '2026-10-01' AND "day" < '2026-10-31'
        UNION ALL
        SELECT ("created_at" AT TIME ZONE 'UTC')::date, "template_name", "signature", "provider", "status", "region", "channel", "kind", "campaign_id",
               1, "segments", ("verified_at" IS NOT NULL)::int,
               EXISTS (SELECT 1 FROM "sms_replies" r WHERE r."message_id" = m."id" AND r."opt_out")::int
          FROM "sms_messages" m
         WHERE (("created_at" >= '2026-10-01 00:00+00' AND "created_at" < '2026-10-01 00:00+00')
                OR ("created_at" >= '2026-10-31 00:00+00' AND "created_at" < '2026-10-31 00:00+00'))
           AND NOT "test_number") AS counted
 GROUP BY 1 HAVING sum("messages") <> 0 ORDER BY 1 NULLS LAST;

\echo === S2 stats by day over 30 days from 08:30 to 08:30 (the default range, the last 30 days, is cut so): 29 whole days + two partial days raw
EXPLAIN (ANALYZE, BUFFERS) :stats_select
  FROM (SELECT :cols, "messages", "segments", "verified", "opt_outs" FROM "sms_message_daily"
         WHERE "day" >= '2026-10-02' AND "day" < '2026-10-31'
        UNION ALL
        SELECT :cols, "messages", "segments", "verified", "opt_outs" FROM "sms_message_daily_changes"
         WHERE "day" >= '2026-10-02' AND "day" < '2026-10-31'
        UNION ALL
        SELECT ("created_at" AT TIME ZONE 'UTC')::date, "template_name", "signature", "provider", "status", "region", "channel", "kind", "campaign_id",
               1, "segments", ("verified_at" IS NOT NULL)::int,
               EXISTS (SELECT 1 FROM "sms_replies" r WHERE r."message_id" = m."id" AND r."opt_out")::int
          FROM "sms_messages" m
         WHERE (("created_at" >= '2026-10-01 08:30+00' AND "created_at" < '2026-10-02 00:00+00')
                OR ("created_at" >= '2026-10-31 00:00+00' AND "created_at" < '2026-10-31 08:30+00'))
           AND NOT "test_number") AS counted
 GROUP BY 1 HAVING sum("messages") <> 0 ORDER BY 1 NULLS LAST;

\echo === L1 list without filter, page 1
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM sms_messages ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
\echo === L1 its total: counted up to 10,001
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*)::int AS n FROM (SELECT 1 FROM "sms_messages" WHERE TRUE LIMIT 10001) AS capped;
\echo === L1 its total past 10,000: the planner estimate
EXPLAIN (FORMAT JSON) SELECT 1 FROM "sms_messages" WHERE TRUE;
SELECT count(*) AS actual_rows FROM sms_messages;
\echo === L2 list of one day by status, total counted (4,166 failed that day)
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*)::int AS n FROM (SELECT 1 FROM "sms_messages" WHERE "status" = 'failed' AND "created_at" >= '2026-07-14' AND "created_at" < '2026-07-15' LIMIT 10001) AS capped;
