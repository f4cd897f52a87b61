-- What the triggers cost the writers since the hourly rollup (migration 20261231000000: changes
-- by hour), and the fold of both rollups: psql -X -f docs/partitioning/stats-hourly-writes.sql
\timing on
\echo === W1 receipts: 1,000 messages of 2026-10-10 sent -> delivered in one statement, with the triggers
EXPLAIN (ANALYZE, BUFFERS) UPDATE sms_messages SET status = 'delivered', receipt_code = 'DELIVRD'
 WHERE created_at >= '2026-10-10' AND created_at < '2026-10-11' AND status = 'sent'
   AND id IN (SELECT id FROM sms_messages WHERE created_at >= '2026-10-10' AND created_at < '2026-10-11' AND status = 'sent' LIMIT 1000);
SELECT count(*) AS change_rows_of_w1 FROM sms_message_daily_changes;
\echo === W2 the same without the update trigger (for the difference only; enabled again below)
ALTER TABLE sms_messages DISABLE TRIGGER sms_message_daily_updated;
EXPLAIN (ANALYZE, BUFFERS) UPDATE sms_messages SET status = 'delivered', receipt_code = 'DELIVRD'
 WHERE created_at >= '2026-10-11' AND created_at < '2026-10-12' AND status = 'sent'
   AND id IN (SELECT id FROM sms_messages WHERE created_at >= '2026-10-11' AND created_at < '2026-10-12' AND status = 'sent' LIMIT 1000);
ALTER TABLE sms_messages ENABLE TRIGGER sms_message_daily_updated;
\echo === W3 a record batch of 500 new messages (as the GroupCommit writer inserts), with the triggers
EXPLAIN (ANALYZE, BUFFERS) INSERT INTO sms_messages (id, phone, purpose, provider, status, content, segments, created_at, kind, channel, template_name, signature, region)
SELECT gen_random_uuid(), '+8613900' || lpad(g::text, 6, '0'), 'login', 'tencent', 'sent', 'x', 1, timestamptz '2026-10-20 12:00+00' + g * interval '1 second', 'verification', 'sms', 'template_' || g % 20, 'Acme', 'CN'
  FROM generate_series(1, 500) g;
\echo === W3b the same without the insert trigger
ALTER TABLE sms_messages DISABLE TRIGGER sms_message_daily_inserted;
EXPLAIN (ANALYZE, BUFFERS) INSERT INTO sms_messages (id, phone, purpose, provider, status, content, segments, created_at, kind, channel, template_name, signature, region)
SELECT gen_random_uuid(), '+8613901' || lpad(g::text, 6, '0'), 'login', 'tencent', 'sent', 'x', 1, timestamptz '2026-10-21 12:00+00' + g * interval '1 second', 'verification', 'sms', 'template_' || g % 20, 'Acme', 'CN'
  FROM generate_series(1, 500) g;
ALTER TABLE sms_messages ENABLE TRIGGER sms_message_daily_inserted;
-- Put both rollups right for what W2 and W3b changed behind the triggers' back.
SELECT sms_message_daily_rebuild('2026-10-11', '2026-10-12');
SELECT sms_message_daily_rebuild('2026-10-21', '2026-10-22');
\echo === W4 a backlog: 2,000 receipt statements of 50 October messages each (sent -> delivered), pending
DO $$
BEGIN
  FOR batch IN 1..2000 LOOP
    UPDATE sms_messages SET status = 'delivered'
     WHERE created_at >= '2026-10-01' AND created_at < '2026-10-31' AND status = 'sent'
       AND id IN (SELECT id FROM sms_messages
                   WHERE created_at >= timestamptz '2026-10-01' + (batch % 30) * interval '1 day'
                     AND created_at < timestamptz '2026-10-02' + (batch % 30) * interval '1 day'
                     AND status = 'sent' LIMIT 50);
  END LOOP;
END
$$;
SELECT count(*) AS pending_changes FROM sms_message_daily_changes;
