#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) and timing of the stats statement (docs/partitioning/stats-monthly.sql)
# for a year and 30 days with ragged ends, on the table of generate-messages.sh: each range cold
# (the first statement after a restart of PostgreSQL with the page cache dropped), then warm (the
# same at once). The bounds are splitRange's, from the built tree (npm run build). As root, for a
# throwaway server (it is restarted as postgres). A grouping written `provider@daily` is read
# without the monthly rollup, as before migration 20270104000000; `day` reads its whole days from
# the day totals (20270105000000), `day@daily` from the daily rollup as before. RANGES, a regex
# of the names, runs only those. Usage, from the repository's root:
#   PGDATA=/tmp/pg50/data PGPORT=55432 bash bench/partitioning/stats-sql.sh > out.txt
#   RANGES='^(Y1|M1)' PGDATA=/tmp/pg50/data PGPORT=55432 bash bench/partitioning/stats-sql.sh
set -euo pipefail
: "${PGDATA:?}" "${PGPORT:?}"
DATABASE="${DATABASE:-smsauth}"
declare -A keys=(
  [day]="to_char(\"day\", 'YYYY-MM-DD')|\"day\""
  [provider]='"provider"|"provider"'
  [template]='"template_name"|"template_name"'
)
# The day totals shaped as the daily rollup, as DAY_TOTALS in sms-stats.repository.ts.
DAY_TOTALS='(SELECT "day", NULL::text AS "template_name", NULL::text AS "signature", NULL::text AS "provider", "status", NULL::text AS "region", NULL::"message_channel" AS "channel", "kind", NULL::uuid AS "campaign_id", "messages", "segments", "verified", "opt_outs" FROM "sms_message_day_totals") AS "day_totals"'
ranges=(
  "Y1 a year (364 days) by day|2025-12-01T09:42:17.500Z|2026-11-30T09:42:17.500Z|day"
  "Y1b the same without the day totals (the rows read before 20270105000000)|2025-12-01T09:42:17.500Z|2026-11-30T09:42:17.500Z|day@daily"
  "Y2 a year by provider|2025-12-01T09:42:17.500Z|2026-11-30T09:42:17.500Z|provider"
  "Y2b the same without the monthly rollup (the rows read before 20270104000000)|2025-12-01T09:42:17.500Z|2026-11-30T09:42:17.500Z|provider@daily"
  "Y3 a year by template|2025-12-01T09:42:17.500Z|2026-11-30T09:42:17.500Z|template"
  "M1 30 days by day|2026-10-01T08:17:23.456Z|2026-10-31T08:17:23.456Z|day"
  "M1b the same without the day totals|2026-10-01T08:17:23.456Z|2026-10-31T08:17:23.456Z|day@daily"
  "M2 30 days by provider|2026-10-01T08:17:23.456Z|2026-10-31T08:17:23.456Z|provider"
  "M3 November (30 whole days) by provider|2026-11-01T00:00:00.000Z|2026-12-01T00:00:00.000Z|provider"
)
for range in "${ranges[@]}"; do
  IFS='|' read -r name from to group <<<"$range"
  [[ "$name" =~ ${RANGES:-.} ]] || continue
  days_source='"sms_message_daily"'
  [[ "$group" == day ]] && days_source="$DAY_TOTALS"
  IFS='|' read -r key column <<<"${keys[${group%@daily}]}"
  # The bounds as `-v name=value` arguments, as the repository cuts them for this grouping.
  mapfile -t bounds < <(node -e '
    const { splitRange } = require("./dist/libs/delivery/src/stats/stats-range.js");
    const p = splitRange(new Date(process.argv[1]), new Date(process.argv[2]),
                         { months: !/^day$|@daily$/.test(process.argv[3]) });
    const names = { from: "from", hoursFrom: "hours_from", daysFrom: "days_from",
                    monthsFrom: "months_from", monthsTo: "months_to", daysTo: "days_to",
                    hoursTo: "hours_to", to: "to" };
    for (const [k, v] of Object.entries(names)) console.log(`-v\n${v}=${p[k].toISOString()}`);
  ' "$from" "$to" "$group")
  su postgres -c "pg_ctl -D '$PGDATA' -o '-p $PGPORT' -l '$PGDATA/../server.log' -w restart" >/dev/null
  sync && echo 3 >/proc/sys/vm/drop_caches
  for run in cold warm; do
    echo "=== $name ($from .. $to), $run; load $(cut -d' ' -f1-3 /proc/loadavg)"
    printf '   %s\n' "${bounds[@]}" | grep -v -- '-v$'
    psql -X -h 127.0.0.1 -p "$PGPORT" -U postgres "$DATABASE" -v key="$key" -v group_column="$column" \
      -v days_source="$days_source" "${bounds[@]}" -f docs/partitioning/stats-monthly.sql
  done
done
psql -X -h 127.0.0.1 -p "$PGPORT" -U postgres "$DATABASE" \
  -c 'SELECT count(*) AS monthly_rows, min("month"), max("month") FROM sms_message_monthly' \
  -c 'SELECT count(*) AS daily_rows FROM sms_message_daily' \
  -c 'SELECT count(*) AS day_totals_rows, min("day"), max("day") FROM sms_message_day_totals'
