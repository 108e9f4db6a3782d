#!/usr/bin/env bash
# Benchmark of the conformance runner: a full run of every check against the mock serving the
# published Stellantis document, as a CI job would run it.
#
#   1. publishes the mock and the runner in Release;
#   2. starts the mock on the published document on a free port (security on, the default);
#   3. times `connectedcar-conformance run --spec <published> --parallel 4` end to end (process start,
#      document load, every check, reports): with hyperfine when it is installed, otherwise RUNS timed
#      runs and their median. The mock's state is reset before each run. Every run must exit 0.
#
# Usage: tests/load/conformance.sh [--runs 5] [--parallel 4] [--spec FILE]
# Also as environment variables: RUNS, PARALLEL, SPEC.
# Needs: dotnet, curl; hyperfine is optional (Debian/Ubuntu: sudo apt-get install hyperfine).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${RUNS:-5}"
PARALLEL="${PARALLEL:-4}"
SPEC="${SPEC:-$REPO/../shared/specs/stellantis-connected-car-v2.yaml}"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --parallel) PARALLEL="$2"; shift 2 ;;
    --spec) SPEC="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "conformance.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "conformance.sh: $*" >&2; exit 1; }
log() { echo "-- $*" >&2; }
command -v dotnet >/dev/null || die "dotnet is not on PATH"
command -v curl >/dev/null || die "curl is missing (Debian/Ubuntu: sudo apt-get install curl)"
[ -f "$SPEC" ] || die "the published document is not at $SPEC (it lives in ../shared/specs/; or pass --spec)"
SPEC="$(cd "$(dirname "$SPEC")" && pwd)/$(basename "$SPEC")"

WORK="$(mktemp -d)"
MOCK_PID=""
cleanup() {
  if [ -n "$MOCK_PID" ] && kill -0 "$MOCK_PID" 2>/dev/null; then
    kill "$MOCK_PID" 2>/dev/null || true
    wait "$MOCK_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

log "publishing the mock and the runner (Release)"
dotnet publish "$REPO/mockserver/ConnectedCarMock.MockServer" -c Release -o "$WORK/mock" --nologo -v quiet >/dev/null
dotnet publish "$REPO/conformance/ConnectedCarMock.Conformance.Cli" -c Release -o "$WORK/runner" --nologo -v quiet >/dev/null

log "starting the mock on $(basename "$SPEC")"
dotnet "$WORK/mock/connectedcar-mock.dll" --spec "$SPEC" --host 127.0.0.1 --port 0 --journal-size 0 >"$WORK/mock.log" 2>&1 &
MOCK_PID=$!
API=""
for _ in $(seq 1 300); do
  API="$(sed -n 's/^  API  *\(http[^ ]*\).*/\1/p' "$WORK/mock.log" | head -n 1)"
  [ -n "$API" ] && break
  kill -0 "$MOCK_PID" 2>/dev/null || die "the mock exited: $(tail -n 5 "$WORK/mock.log")"
  sleep 0.1
done
[ -n "$API" ] || die "the mock did not start within 30 s"
BASE="${API%%/api/*}"
for _ in $(seq 1 100); do curl -fsS "$BASE/health" >/dev/null 2>&1 && break; sleep 0.1; done

RUN=(dotnet "$WORK/runner/connectedcar-conformance.dll" run --spec "$SPEC" --target "$API" --token-url "$BASE/oauth/token" --parallel "$PARALLEL" --json "$WORK/report.json")
RESET=(curl -fsS -X POST "$BASE/__mock/reset")

# An untimed warm-up run (JIT, the mock's schema and body caches), then the timed runs.
log "warm-up run, --parallel $PARALLEL"
"${RESET[@]}"
dotnet "$WORK/runner/connectedcar-conformance.dll" run --spec "$SPEC" --target "$API" --token-url "$BASE/oauth/token" --parallel "$PARALLEL" >"$WORK/warmup.txt" \
  || die "the warm-up run did not pass: $(tail -n 20 "$WORK/warmup.txt")"
grep -E "^[0-9]+ cases, " "$WORK/warmup.txt" >&2

if command -v hyperfine >/dev/null; then
  log "hyperfine, $RUNS runs"
  hyperfine --runs "$RUNS" --prepare "${RESET[*]}" "${RUN[*]}"
  exit 0
fi

log "$RUNS timed runs (hyperfine is not installed)"
times=()
for i in $(seq 1 "$RUNS"); do
  "${RESET[@]}"
  start=$(date +%s.%N)
  "${RUN[@]}" >"$WORK/run.txt" || die "run $i did not pass: $(tail -n 20 "$WORK/run.txt")"
  end=$(date +%s.%N)
  t=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  times+=("$t")
  echo "run $i: ${t} s ($(grep -E "^[0-9]+ cases, " "$WORK/run.txt"))"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
echo "median of $RUNS runs: ${median} s (--parallel $PARALLEL, $(nproc) cores)"
