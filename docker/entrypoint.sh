#!/bin/sh
# The image's command: applies the migrations, then becomes the API (exec, so that the API is
# the process `docker stop` signals). A plain `sh -c 'migrate && exec api'` as PID 1 ignores
# SIGTERM (PID 1 has no default signal actions) and leaves the migrator to Docker's SIGKILL ten
# seconds later, possibly mid-migration. Here the shell forwards SIGTERM/SIGINT to the migrator,
# which finishes the migration in progress and exits; the API is then not started.
# With arguments it becomes them instead of the API (compose's worker: `entrypoint.sh node
# dist/apps/worker/src/main.js`). Every start runs the migrator: concurrent runs wait for one
# another on an advisory lock and apply each migration once.
set -u

node dist/apps/api/src/migrate.js &
migrator=$!
stop_requested=''
trap 'stop_requested=1; kill -TERM "$migrator" 2>/dev/null' TERM INT

wait "$migrator"
status=$?
# A trapped signal ends `wait` early, while the migrator still runs: wait for its real end.
while kill -0 "$migrator" 2>/dev/null; do
  wait "$migrator"
  status=$?
done

if [ -n "$stop_requested" ]; then
  exit "$status"
fi
[ "$status" -eq 0 ] || exit "$status"
trap - TERM INT
[ "$#" -eq 0 ] || exec "$@"
exec node dist/apps/api/src/main.js
