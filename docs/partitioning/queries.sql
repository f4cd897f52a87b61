\timing on
\echo === Q1 message by id (GET /v1/admin/sms/messages/:id)
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM sms_messages WHERE id = 'b5b84f5a-5901-4e82-bd2c-65f8b8b360d3' LIMIT 1;
\echo === Q2 list by phone, page 1, and its total
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM sms_messages WHERE phone = '+8613802497790' ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM sms_messages WHERE phone = '+8613802497790';
\echo === Q3 list by status and one day, page 1, and its total
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM sms_messages WHERE status = 'failed' AND created_at >= '2026-07-14' AND created_at < '2026-07-15' ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM sms_messages WHERE status = 'failed' AND created_at >= '2026-07-14' AND created_at < '2026-07-15';
\echo === Q4 list of one day, page 1, and its total
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM sms_messages WHERE created_at >= '2026-07-14' AND created_at < '2026-07-15' ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM sms_messages WHERE created_at >= '2026-07-14' AND created_at < '2026-07-15';
\echo === Q5 list with no filter, page 1, and its total
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM sms_messages ORDER BY created_at DESC, id DESC LIMIT 20 OFFSET 0;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM sms_messages;
\echo === Q5 its total as the service counts it (message-list-total.ts): exactly up to 10,000, past that the planner's estimate
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*)::int AS n FROM (SELECT 1 FROM "sms_messages" WHERE TRUE LIMIT 10001) AS capped;
EXPLAIN (FORMAT JSON) SELECT 1 FROM "sms_messages" WHERE TRUE;
\echo === Q6 receipts: by provider message id
EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM sms_messages WHERE provider = 'tencent' AND provider_message_id = 'p1209679';
\echo === Q7 stats by day over 30 days (raw table; the API reads the rollups instead, stats-50m.sql)
EXPLAIN (ANALYZE, BUFFERS) SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS key, count(*) AS messages,
  count(*) FILTER (WHERE status = 'sent') AS sent, count(*) FILTER (WHERE status = 'delivered') AS delivered,
  count(*) FILTER (WHERE status = 'undelivered') AS undelivered, count(*) FILTER (WHERE status = 'unknown') AS unknown,
  count(*) FILTER (WHERE status = 'failed') AS failed, coalesce(sum(segments) FILTER (WHERE status <> 'failed'), 0)::bigint AS segments,
  count(*) FILTER (WHERE kind = 'verification' AND status <> 'failed') AS codes_sent,
  count(*) FILTER (WHERE kind = 'verification' AND verified_at IS NOT NULL) AS codes_verified
  FROM sms_messages WHERE created_at >= '2026-10-01' AND created_at < '2026-10-31' AND NOT test_number GROUP BY 1 ORDER BY 1 NULLS LAST;
\echo === Q8 stats by provider over one day (raw table)
EXPLAIN (ANALYZE, BUFFERS) SELECT provider AS key, count(*) AS messages, count(*) FILTER (WHERE status = 'delivered') AS delivered,
  coalesce(sum(segments) FILTER (WHERE status <> 'failed'), 0)::bigint AS segments
  FROM sms_messages WHERE created_at >= '2026-10-14' AND created_at < '2026-10-15' AND NOT test_number GROUP BY 1 ORDER BY 1 NULLS LAST;
