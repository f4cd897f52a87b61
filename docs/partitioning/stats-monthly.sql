-- One stats statement as the API sends it since migration 20270104000000 (stats-query.sql), for
-- the grouping and bounds given as psql variables by bench/partitioning/stats-sql.sh (bounds
-- from splitRange itself): its plan with EXPLAIN (ANALYZE, BUFFERS), then the statement alone
-- (\timing; EXPLAIN's timing of every row inflates a plan's time).
\timing on
-- As the repository does (SET LOCAL jit = off in the statement's transaction).
SET jit = off;
\ir stats-query.sql
EXPLAIN (ANALYZE, BUFFERS) :stats_query;
\echo the statement itself, without EXPLAIN's per-row timing (its rows to /dev/null):
\o /dev/null
:stats_query;
\o
