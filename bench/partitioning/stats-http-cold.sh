#!/usr/bin/env bash
# The first GET /v1/admin/sms/stats of a year after a restart of PostgreSQL and of the API with
# the page cache dropped, then three more, for each grouping given (default: provider, day,
# template, twice). Starts the API of the built tree (node dist/apps/api/src/main.js) itself,
# periodic jobs off (retention would drop the generated months), against a Redis of its own
# choosing. As root, for a throwaway server (restarted as postgres). Usage, from the root:
#   PGDATA=/tmp/pg50/data PGPORT=55432 REDIS_URL=redis://127.0.0.1:56391 \
#     bash bench/partitioning/stats-http-cold.sh [grouping ...]
set -euo pipefail
: "${PGDATA:?}" "${PGPORT:?}" "${REDIS_URL:?}"
API_PORT="${API_PORT:-3917}"
FROM="${FROM:-2025-12-01T09:42:17.500Z}"
TO="${TO:-2026-11-30T09:42:17.500Z}"
KEY="stats-bench-$(openssl rand -hex 12)"
groupings=("$@")
[ ${#groupings[@]} -gt 0 ] || groupings=(provider day template provider day template)
api_pid=
start_api() {
  if curl -s -o /dev/null "http://127.0.0.1:$API_PORT/health"; then
    echo "port $API_PORT is taken" >&2; exit 1
  fi
  DATABASE_URL="postgresql://postgres@127.0.0.1:$PGPORT/smsauth" REDIS_URL="$REDIS_URL" \
    ADMIN_API_KEY="$KEY" PORT="$API_PORT" MAINTENANCE_INTERVAL_SECONDS=0 \
    SMS_STATS_FOLD_INTERVAL_SECONDS=0 LOG_LEVEL=warn NODE_ENV=development \
    SMS_CODE_SECRET="$(openssl rand -hex 32)" CAPTCHA_SECRET="$(openssl rand -hex 32)" \
    node dist/apps/api/src/main.js >/tmp/stats-http-cold-api.log 2>&1 &
  api_pid=$!
  for _ in $(seq 60); do
    kill -0 "$api_pid" 2>/dev/null || break
    curl -s -o /dev/null "http://127.0.0.1:$API_PORT/health" && return
    sleep 0.5
  done
  echo "the API did not start: $(cat /tmp/stats-http-cold-api.log)" >&2; exit 1
}
# Waits for the old API to be gone, so that the next one binds the port.
stop_api() { kill "$api_pid"; while kill -0 "$api_pid" 2>/dev/null; do sleep 0.2; done; }
trap '[ -z "$api_pid" ] || stop_api' EXIT
for group in "${groupings[@]}"; do
  [ -z "$api_pid" ] || stop_api
  su postgres -c "pg_ctl -D '$PGDATA' -o '-p $PGPORT' -l '$PGDATA/../server.log' -w restart" >/dev/null
  sync && echo 3 >/proc/sys/vm/drop_caches
  start_api
  times=()
  for _ in 1 2 3 4; do
    times+=("$(curl -sS -o /dev/null -w '%{http_code}:%{time_total}s' \
      -H "Authorization: Bearer $KEY" \
      "http://127.0.0.1:$API_PORT/v1/admin/sms/stats?from=$FROM&to=$TO&groupBy=$group")")
  done
  echo "$FROM .. $TO by $group, right after the restarts (load $(cut -d' ' -f1 /proc/loadavg)): ${times[*]}"
done
