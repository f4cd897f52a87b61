-- The stats statements the API sends for ranges of 1 day, 7 days, 30 days and a year with ragged
-- ends (not on whole hours), on the 50-million-row table of bench/partitioning/generate-messages.sh
-- (2025-12-01 to 2026-12-01) with both rollups rebuilt. The bounds are what splitRange
-- (libs/delivery/src/stats/stats-range.ts) gives for each `from`/`to`:
--   node -e 'const {splitRange}=require("./dist/libs/delivery/src/stats/stats-range.js");
--            console.log(splitRange(new Date("2026-10-14T08:17:23.456Z"), new Date("2026-10-15T08:17:23.456Z")))'
-- Since 20270104000000 stats-query.sql reads the monthly rollup too: months_from = months_to =
-- days_to here read no month, the rows the measurements of this file read (by day, as the API
-- still reads the day grouping; Y2 by provider now reads months: stats-monthly.sql).
-- Run from the repository's root: psql -X -f docs/partitioning/stats-50m.sql
-- Each range: its plan with EXPLAIN (ANALYZE, BUFFERS) (whose timing of every row of the
-- ~740,000 rollup rows a year reads inflates its time), then the statement alone (\timing).
\timing on
-- As the repository does (SET LOCAL jit = off in the statement's transaction).
SET jit = off;
\ir stats-query.sql
\set key 'to_char("day", ''YYYY-MM-DD'')'
\set group_column '"day"'

\echo === D1 1 day, 2026-10-14T08:17:23.456Z to 2026-10-15T08:17:23.456Z by day: 23 hours hourly, two partial hours raw
\set from '2026-10-14 08:17:23.456+00'
\set hours_from '2026-10-14 09:00+00'
\set days_from '2026-10-15 08:00+00'
\set days_to '2026-10-15 08:00+00'
\set months_from '2026-10-15 08:00+00'
\set months_to '2026-10-15 08:00+00'
\set hours_to '2026-10-15 08:00+00'
\set to '2026-10-15 08:17:23.456+00'
EXPLAIN (ANALYZE, BUFFERS) :stats_query;
\echo the statement itself, without EXPLAIN's per-row timing (its rows to /dev/null):
\o /dev/null
:stats_query;
\o

\echo === W1 7 days, 2026-10-08T08:17:23.456Z to 2026-10-15T08:17:23.456Z by day: 6 days daily, 15 + 8 hours hourly, two partial hours raw
\set from '2026-10-08 08:17:23.456+00'
\set hours_from '2026-10-08 09:00+00'
\set days_from '2026-10-09 00:00+00'
\set days_to '2026-10-15 00:00+00'
\set months_from '2026-10-15 00:00+00'
\set months_to '2026-10-15 00:00+00'
\set hours_to '2026-10-15 08:00+00'
\set to '2026-10-15 08:17:23.456+00'
EXPLAIN (ANALYZE, BUFFERS) :stats_query;
\echo the statement itself, without EXPLAIN's per-row timing (its rows to /dev/null):
\o /dev/null
:stats_query;
\o

\echo === M1 30 days, 2026-10-01T08:17:23.456Z to 2026-10-31T08:17:23.456Z by day: 29 days daily, 15 + 8 hours hourly, two partial hours raw
\set from '2026-10-01 08:17:23.456+00'
\set hours_from '2026-10-01 09:00+00'
\set days_from '2026-10-02 00:00+00'
\set days_to '2026-10-31 00:00+00'
\set months_from '2026-10-31 00:00+00'
\set months_to '2026-10-31 00:00+00'
\set hours_to '2026-10-31 08:00+00'
\set to '2026-10-31 08:17:23.456+00'
EXPLAIN (ANALYZE, BUFFERS) :stats_query;
\echo the statement itself, without EXPLAIN's per-row timing (its rows to /dev/null):
\o /dev/null
:stats_query;
\o

\echo === Y1 a year (364 days), 2025-12-01T09:42:17.500Z to 2026-11-30T09:42:17.500Z by day: 363 days daily, 14 + 9 hours hourly, two partial hours raw
\set from '2025-12-01 09:42:17.5+00'
\set hours_from '2025-12-01 10:00+00'
\set days_from '2025-12-02 00:00+00'
\set days_to '2026-11-30 00:00+00'
\set months_from '2026-11-30 00:00+00'
\set months_to '2026-11-30 00:00+00'
\set hours_to '2026-11-30 09:00+00'
\set to '2026-11-30 09:42:17.5+00'
EXPLAIN (ANALYZE, BUFFERS) :stats_query;
\echo the statement itself, without EXPLAIN's per-row timing (its rows to /dev/null):
\o /dev/null
:stats_query;
\o

\echo === Y2 the same year by provider
\set key '"provider"'
\set group_column '"provider"'
EXPLAIN (ANALYZE, BUFFERS) :stats_query;
\echo the statement itself, without EXPLAIN's per-row timing (its rows to /dev/null):
\o /dev/null
:stats_query;
\o

-- Last, so that a run on a cold server reads the rollups cold in the statements above.
SELECT count(*) AS daily_rows FROM sms_message_daily;
SELECT count(*) AS hourly_rows, min(hour), max(hour) FROM sms_message_hourly;
SELECT count(*) AS pending_changes FROM sms_message_stats_changes;
