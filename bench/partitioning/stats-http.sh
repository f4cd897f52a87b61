#!/usr/bin/env bash
# Times GET /v1/admin/sms/stats of a running API (on the table of generate-messages.sh) for the
# ranges of docs/partitioning/stats-50m.sql, RUNS times each, over HTTP: the whole path of the
# statement the service sends (validation, splitRange, the SQL, the answer). Usage:
#   API_URL=http://127.0.0.1:3000 ADMIN_API_KEY=... bash bench/partitioning/stats-http.sh
set -euo pipefail
: "${API_URL:?}" "${ADMIN_API_KEY:?}"
RUNS="${RUNS:-3}"
ranges=(
  "D1 1 day|2026-10-14T08:17:23.456Z|2026-10-15T08:17:23.456Z|day"
  "W1 7 days|2026-10-08T08:17:23.456Z|2026-10-15T08:17:23.456Z|day"
  "M1 30 days|2026-10-01T08:17:23.456Z|2026-10-31T08:17:23.456Z|day"
  "Y1 a year (364 days)|2025-12-01T09:42:17.500Z|2026-11-30T09:42:17.500Z|day"
  "Y2 a year by provider|2025-12-01T09:42:17.500Z|2026-11-30T09:42:17.500Z|provider"
)
for range in "${ranges[@]}"; do
  IFS='|' read -r name from to group <<<"$range"
  times=()
  for _ in $(seq "$RUNS"); do
    out=$(curl -sS -o /tmp/stats-http.json -w '%{http_code} %{time_total}' \
      -H "Authorization: Bearer $ADMIN_API_KEY" \
      "$API_URL/v1/admin/sms/stats?from=$from&to=$to&groupBy=$group")
    [ "${out%% *}" = 200 ] || { echo "$name: HTTP ${out%% *}: $(cat /tmp/stats-http.json)" >&2; exit 1; }
    times+=("${out#* }s")
  done
  echo "$name ($from .. $to, by $group): ${times[*]}; $(node -e '
    const r = JSON.parse(require("fs").readFileSync("/tmp/stats-http.json", "utf8"));
    console.log(`${r.groups.length} groups, ${r.totals.messages} messages`)')"
done
