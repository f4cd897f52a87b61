#!/usr/bin/env bash
# Fills sms_messages of a throwaway database (migrated with `npm run db:migrate`) with 50 million
# generated rows over the MONTHS (12) months from FIRST_MONTH: one INSERT per month, niced, so that
# docs/partitioning.md's plans can be measured again. Usage:
#   DATABASE_URL=postgresql://... FIRST_MONTH=2025-12-01 bash bench/partitioning/generate-messages.sh
set -euo pipefail
: "${DATABASE_URL:?}"
FIRST_MONTH="${FIRST_MONTH:-2025-12-01}"
ROWS_PER_MONTH="${ROWS_PER_MONTH:-4166667}"
MONTHS="${MONTHS:-12}"
psql="nice -n 19 psql -X -q -v ON_ERROR_STOP=1 $DATABASE_URL"
for m in $(seq 0 $((MONTHS - 1))); do
  start=$($psql -At -c "SELECT (timestamptz '$FIRST_MONTH 00:00+00' + interval '$m months')")
  end=$($psql -At -c "SELECT (timestamptz '$FIRST_MONTH 00:00+00' + interval '$((m + 1)) months')")
  name="sms_messages_$($psql -At -c "SELECT to_char(timestamptz '$start' AT TIME ZONE 'UTC', 'YYYY_MM')")"
  if [ "$($psql -At -c "SELECT to_regclass('$name') IS NOT NULL")" = t ]; then continue; fi
  echo "$(date -u +%T) month $start"
  # The month's table is filled before it is attached, which builds its indexes in one sort
  # each (far cheaper than 50 million index insertions). Created and filled in one transaction:
  # with wal_level=minimal nothing of it goes to the WAL.
  # Phones from a pool of 3 million; 4 providers, 20 templates, 8 regions; 70% codes.
  $psql <<SQL
BEGIN;
CREATE TABLE "$name" (LIKE sms_messages INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO "$name" (id, phone, region, purpose, kind, channel, template_name, locale,
  signature, content, segments, client_ip, test_number, provider, provider_message_id, status,
  error_code, error_message, attempts, created_at, verified_at, receipt_code, receipt_at)
SELECT gen_random_uuid(), '+86138' || lpad(((hashint4(g) & 2147483647) % 3000000)::text, 8, '0'),
       (ARRAY['CN','US','GB','DE','FR','JP','BR','IN'])[1 + (r1 * 8)::int % 8],
       (ARRAY['login','signup','reset','notice'])[1 + (r2 * 4)::int % 4],
       CASE WHEN r2 < 0.7 THEN 'verification' ELSE 'notification' END::sms_template_kind,
       CASE WHEN r3 < 0.05 THEN 'voice' ELSE 'sms' END::message_channel,
       'template_' || (r1 * 20)::int, 'zh-CN', 'Acme',
       'Your code is ******. It expires in 5 minutes.', 1 + (r3 < 0.1)::int,
       '10.0.' || (g % 250) || '.' || (g % 199), r4 < 0.001,
       (ARRAY['aliyun','tencent','twilio','webhook'])[1 + (r5 * 4)::int % 4],
       'p' || g, status, NULL, NULL, '[]'::jsonb, t,
       CASE WHEN r2 < 0.7 AND r3 < 0.6 THEN t + interval '40 seconds' END,
       CASE WHEN status IN ('delivered','undelivered') THEN 'DELIVRD' END,
       CASE WHEN status IN ('delivered','undelivered') THEN t + interval '5 seconds' END
  FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
               timestamptz '$start' + (timestamptz '$end' - timestamptz '$start') * ((g - 1)::float8 / $ROWS_PER_MONTH) AS t,
               (CASE WHEN g % 100 < 80 THEN 'delivered' WHEN g % 100 < 90 THEN 'sent'
                 WHEN g % 100 < 95 THEN 'undelivered' WHEN g % 100 < 98 THEN 'failed'
                 ELSE 'unknown' END)::sms_message_status AS status
          FROM generate_series(1, $ROWS_PER_MONTH) AS g) AS x;
COMMIT;
ALTER TABLE sms_messages ATTACH PARTITION "$name"
  FOR VALUES FROM ('$start') TO ('$end');
SQL
done
$psql -c "VACUUM ANALYZE sms_messages"
echo "$(date -u +%T) done"
