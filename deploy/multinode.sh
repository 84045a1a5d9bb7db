#!/usr/bin/env bash
# Issue #6, full size: three API processes on loopback ports against one PostgreSQL, load spread over them, the node
# running projection work killed with SIGKILL and restarted; then PostgreSQL itself restarted under load.
# It runs the suite's reliability tests (tests/Incidents.Api.Tests/Reliability) with full-size settings and prints
# their report. Every setting can be overridden from the environment, e.g. DURATION=120 deploy/multinode.sh.
#
#   CLIENTS=8        concurrent clients (MIS-like: raises with Idempotency-Key, notes), round-robin over the nodes
#   KILL_AT=20       seconds into the load when the node running the most projection agents is SIGKILLed
#   RESTART_AT=40    seconds into the load when it is started again (not before its work has moved)
#   DURATION=60      seconds of load in all
#   DB_NODES=3       API nodes during the PostgreSQL restart
#   DB_CLIENTS=4     clients during the PostgreSQL restart
#   DB_DOWN_FOR=10   seconds PostgreSQL stays down
#   CONFIGURATION=Release
set -euo pipefail
cd "$(dirname "$0")/.."

export INCIDENTS_RELIABILITY_CLIENTS="${CLIENTS:-8}"
export INCIDENTS_RELIABILITY_KILL_AT="${KILL_AT:-20}"
export INCIDENTS_RELIABILITY_RESTART_AT="${RESTART_AT:-40}"
export INCIDENTS_RELIABILITY_DURATION="${DURATION:-60}"
export INCIDENTS_RELIABILITY_DB_NODES="${DB_NODES:-3}"
export INCIDENTS_RELIABILITY_DB_CLIENTS="${DB_CLIENTS:-4}"
export INCIDENTS_RELIABILITY_DB_DOWN_FOR="${DB_DOWN_FOR:-10}"
configuration="${CONFIGURATION:-Release}"
report=$(mktemp --suffix=.reliability.txt)
log=$(mktemp --suffix=.reliability.log)
export INCIDENTS_RELIABILITY_REPORT="$report"

echo "== building ($configuration)"
dotnet build -c "$configuration" tests/Incidents.Api.Tests -nologo -v quiet | tail -n 3

echo "== running: $INCIDENTS_RELIABILITY_CLIENTS clients, ${INCIDENTS_RELIABILITY_DURATION}s of load on 3 nodes," \
  "SIGKILL at ${INCIDENTS_RELIABILITY_KILL_AT}s, restart at ${INCIDENTS_RELIABILITY_RESTART_AT}s;" \
  "then PostgreSQL down for ${INCIDENTS_RELIABILITY_DB_DOWN_FOR}s under $INCIDENTS_RELIABILITY_DB_NODES nodes and $INCIDENTS_RELIABILITY_DB_CLIENTS clients"
started=$(date +%s)
set +e
dotnet test tests/Incidents.Api.Tests -c "$configuration" --no-build -nologo \
  --filter "FullyQualifiedName~Incidents.Api.Tests.Reliability" --logger "console;verbosity=normal" >"$log" 2>&1
status=$?
set -e

echo "== report ($(($(date +%s) - started)) s)"
cat "$report"
grep -E '^\s*(Passed|Failed) ' "$log" | sed 's/^ */  /' || true
if [ "$status" -ne 0 ]; then
  echo "== FAILED (exit $status); full log: $log"
  grep -E -A30 '^\s*Failed ' "$log" | head -n 80
else
  echo "== PASSED: nothing acknowledged lost, nothing duplicated, projections equal a fresh rebuild, no 500s"
  rm -f "$log"
fi
rm -f "$report"
exit "$status"
