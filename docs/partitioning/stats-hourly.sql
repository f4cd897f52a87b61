-- The stats query the service sends since the hourly rollup (migration 20261231000000;
-- sms-stats.repository.ts), for ranges split as stats-range.ts does, on the generated table:
--   psql -X -f docs/partitioning/stats-hourly.sql
\timing on
SET jit = off;
\set stats_select 'SELECT to_char("day", ''YYYY-MM-DD'') AS key, sum("messages")::bigint AS messages, coalesce(sum("messages") FILTER (WHERE "status" = ''sent''), 0)::bigint AS sent, coalesce(sum("messages") FILTER (WHERE "status" = ''delivered''), 0)::bigint AS delivered, coalesce(sum("messages") FILTER (WHERE "status" = ''undelivered''), 0)::bigint AS undelivered, coalesce(sum("messages") FILTER (WHERE "status" = ''unknown''), 0)::bigint AS unknown, coalesce(sum("messages") FILTER (WHERE "status" = ''failed''), 0)::bigint AS failed, coalesce(sum("segments") FILTER (WHERE "status" <> ''failed''), 0)::bigint AS segments, coalesce(sum("messages") FILTER (WHERE "kind" = ''verification'' AND "status" <> ''failed''), 0)::bigint AS codes_sent, coalesce(sum("verified") FILTER (WHERE "kind" = ''verification''), 0)::bigint AS codes_verified, coalesce(sum("opt_outs"), 0)::bigint AS opt_outs'
\set cols '"template_name", "signature", "provider", "status", "region", "channel", "kind", "campaign_id"'
\set stats_query ':stats_select FROM (SELECT "day", :cols, "messages", "segments", "verified", "opt_outs" FROM "sms_message_daily" WHERE "day" >= (:''days_from''::timestamptz AT TIME ZONE ''UTC'')::date AND "day" < (:''days_to''::timestamptz AT TIME ZONE ''UTC'')::date UNION ALL SELECT ("hour" AT TIME ZONE ''UTC'')::date, :cols, "messages", "segments", "verified", "opt_outs" FROM "sms_message_hourly" WHERE ("hour" >= :''hours_from'' AND "hour" < :''days_from'') OR ("hour" >= :''days_to'' AND "hour" < :''hours_to'') UNION ALL SELECT ("hour" AT TIME ZONE ''UTC'')::date, :cols, "messages", "segments", "verified", "opt_outs" FROM "sms_message_daily_changes" WHERE "hour" >= :''hours_from'' AND "hour" < :''hours_to'' UNION ALL SELECT ("created_at" AT TIME ZONE ''UTC'')::date, :cols, 1, "segments", ("verified_at" IS NOT NULL)::int, EXISTS (SELECT 1 FROM "sms_replies" r WHERE r."message_id" = m."id" AND r."opt_out")::int FROM "sms_messages" m WHERE (("created_at" >= :''from'' AND "created_at" < :''hours_from'') OR ("created_at" >= :''hours_to'' AND "created_at" < :''to'')) AND NOT "test_number") AS counted GROUP BY 1 HAVING sum("messages") <> 0 ORDER BY 1 NULLS LAST'
SELECT count(*) AS daily_rows FROM sms_message_daily;
SELECT count(*) AS hourly_rows, min(hour), max(hour) FROM sms_message_hourly;
SELECT count(*) AS pending_changes FROM sms_message_daily_changes;

\echo === S1 stats by day over 30 whole UTC days (2026-10-01 to 2026-10-31): daily rollup only
\set from '2026-10-01 00:00+00'
\set hours_from '2026-10-01 00:00+00'
\set days_from '2026-10-01 00:00+00'
\set days_to '2026-10-31 00:00+00'
\set hours_to '2026-10-31 00:00+00'
\set to '2026-10-31 00:00+00'
EXPLAIN (ANALYZE, BUFFERS) :stats_query;

\echo === S2 30 days from 08:30 to 08:30 (the default "last 30 days" is cut so): 29 days daily, 23 hours hourly, two half hours raw
\set from '2026-10-01 08:30+00'
\set hours_from '2026-10-01 09:00+00'
\set days_from '2026-10-02 00:00+00'
\set days_to '2026-10-31 00:00+00'
\set hours_to '2026-10-31 08:00+00'
\set to '2026-10-31 08:30+00'
EXPLAIN (ANALYZE, BUFFERS) :stats_query;

\echo === H1 the last 24 hours, now-ish (the table ends 2026-12-01), cut mid-hour: 14:17:23 to 14:17:23
\set from '2026-11-29 14:17:23.456+00'
\set hours_from '2026-11-29 15:00+00'
\set days_from '2026-11-30 14:00+00'
\set days_to '2026-11-30 14:00+00'
\set hours_to '2026-11-30 14:00+00'
\set to '2026-11-30 14:17:23.456+00'
EXPLAIN (ANALYZE, BUFFERS) :stats_query;

\echo === Z1 30 whole Asia/Shanghai days (2026-10-01T00:00+08:00 to 2026-10-31T00:00+08:00): 29 days daily, 2 x 8 hours hourly, nothing raw
\set from '2026-09-30 16:00+00'
\set hours_from '2026-09-30 16:00+00'
\set days_from '2026-10-01 00:00+00'
\set days_to '2026-10-30 00:00+00'
\set hours_to '2026-10-30 16:00+00'
\set to '2026-10-30 16:00+00'
EXPLAIN (ANALYZE, BUFFERS) :stats_query;

\echo === Z2 30 whole Asia/Kolkata days (+05:30: 2026-10-01T00:00+05:30 to 2026-10-31T00:00+05:30): two half hours raw
\set from '2026-09-30 18:30+00'
\set hours_from '2026-09-30 19:00+00'
\set days_from '2026-10-01 00:00+00'
\set days_to '2026-10-30 00:00+00'
\set hours_to '2026-10-30 18:00+00'
\set to '2026-10-30 18:30+00'
EXPLAIN (ANALYZE, BUFFERS) :stats_query;
