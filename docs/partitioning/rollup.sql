\timing on
DROP TABLE IF EXISTS sms_message_daily;
CREATE TABLE sms_message_daily AS
SELECT (created_at AT TIME ZONE 'UTC')::date AS day, template_name, signature, provider, status, region, channel, kind,
       count(*) AS messages, sum(segments) AS segments, count(*) FILTER (WHERE verified_at IS NOT NULL) AS verified
  FROM sms_messages WHERE created_at >= '2026-10-01' AND created_at < '2026-11-01' AND NOT test_number
 GROUP BY 1,2,3,4,5,6,7,8;
CREATE INDEX ON sms_message_daily (day);
ANALYZE sms_message_daily;
SELECT count(*) AS rollup_rows FROM sms_message_daily;
\echo === R1 stats by day over 30 days from the daily rollup
EXPLAIN (ANALYZE, BUFFERS) SELECT to_char(day, 'YYYY-MM-DD') AS key, sum(messages) AS messages,
  sum(messages) FILTER (WHERE status = 'sent') AS sent, sum(messages) FILTER (WHERE status = 'delivered') AS delivered,
  sum(messages) FILTER (WHERE status = 'failed') AS failed, sum(segments) FILTER (WHERE status <> 'failed') AS segments,
  sum(messages) FILTER (WHERE kind = 'verification' AND status <> 'failed') AS codes_sent,
  sum(verified) FILTER (WHERE kind = 'verification') AS codes_verified
  FROM sms_message_daily WHERE day >= '2026-10-01' AND day < '2026-10-31' GROUP BY 1 ORDER BY 1;
\echo === R2 stats by provider over 30 days from the daily rollup
EXPLAIN (ANALYZE, BUFFERS) SELECT provider AS key, sum(messages) AS messages, sum(segments) AS segments
  FROM sms_message_daily WHERE day >= '2026-10-01' AND day < '2026-10-31' GROUP BY 1 ORDER BY 1;
