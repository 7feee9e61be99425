#!/usr/bin/env bash
# Casebook performance run: the in-process comparison with the floor
# (goldmark + bare bleve) and the HTTP load test, one after the other so the
# figures come from the same machine state.
#
#   scripts/perf.sh            10k cases
#   N=100000 scripts/perf.sh   100k cases (takes several minutes)
#
# Needs only Go. Run from anywhere; nothing else should load the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-10000}"
ROUNDS="${ROUNDS:-3}"
REQUESTS="${REQUESTS:-960}"

echo "== machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== side by side with the floor, $N cases (in process)"
CASEBOOK_PERF="$N" CASEBOOK_PERF_ROUNDS="$ROUNDS" \
  go test -run '^TestPerfSideBySide$' -count=1 -v -timeout 120m ./search | grep -E 'round|build,|built|search,|heap'

echo "== HTTP load test, $N cases"
go run ./cmd/loadtest -n "$N" -requests "$REQUESTS" -concurrency 1,16 -index "$@"
