#!/usr/bin/env bash
# Times the fold with the monthly rollup (migration 20270104000000) against the fold before it
# (20270103000000, which folds into the hourly and daily rollups only), on the table of
# generate-messages.sh: a week of sent records marked delivered in one UPDATE (94,090 rows,
# 70,766 pending changes), then two folds (50,000 and the rest), in a transaction rolled back,
# so the table is left as it was. The earlier fold is put in place inside its transaction only.
# Usage, from the repository's root: DATABASE_URL=postgresql://... bash bench/partitioning/fold-monthly.sh
set -euo pipefail
: "${DATABASE_URL:?}"
earlier_fold=$(sed -n '/^CREATE OR REPLACE FUNCTION "sms_message_daily_fold"/,/^\$\$;/p' \
  prisma/migrations/20270103000000_sms_message_stats_changes/migration.sql)
mark_and_fold="
UPDATE sms_messages SET status = 'delivered'
 WHERE status = 'sent' AND created_at >= '2026-10-05' AND created_at < '2026-10-12';
SELECT count(*) AS pending_changes FROM sms_message_stats_changes;
SELECT sms_message_daily_fold(50000);
SELECT sms_message_daily_fold(50000);"
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
psql -X -v ON_ERROR_STOP=1 "$DATABASE_URL" <<SQL
\\timing on
\\echo === the fold of 20270104000000 (hourly, daily, monthly)
BEGIN;
$mark_and_fold
ROLLBACK;
\\echo === the fold of 20270103000000 (hourly, daily), put in place in this transaction only
BEGIN;
$earlier_fold
$mark_and_fold
ROLLBACK;
\\echo === the fold of 20270104000000 again
BEGIN;
$mark_and_fold
ROLLBACK;
SQL
