#!/usr/bin/env bash
# Webhook delivery benchmark of the mock server, on one machine, in one run:
#
#   1. publishes the mock as the container does;
#   2. starts the mock (default delivery delays: Pending after 300 ms, Done 500 ms after it; deliveries
#      to loopback only) and a webhook receiver (Node.js) that answers 201 and counts message ids;
#   3. in interleaved rounds, measures GET vehicle with wrk for WINDOW seconds:
#        - baseline: nothing else happens;
#        - burst:    at the start of the window, BURST remotes are created as fast as CONCURRENCY
#                    clients can (each raises Pending then Done to the receiver);
#      after each burst it waits until every message arrived and checks that none was lost or
#      duplicated (receiver's unique ids = 2 x BURST, the mock's journal says 2 x BURST delivered);
#   4. prints each round, the medians, and the burst/baseline throughput ratio (the target is >= 0.8).
#
# Usage: tests/load/webhooks.sh [--window 5s] [--rounds 3] [--burst 1000] [--concurrency 16] [--spec FILE]
# Every option is also an environment variable: WINDOW, ROUNDS, BURST, CONCURRENCY, SPEC, THREADS (2),
# CONNECTIONS (16).
#
# Needs: dotnet, node, curl, wrk (Debian/Ubuntu: sudo apt-get install wrk), python3.
# Numbers depend on the machine; the ratio is measured in the same run, wrk, the mock, the receiver
# and the burst clients sharing the CPUs.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WINDOW="${WINDOW:-5s}"
ROUNDS="${ROUNDS:-3}"
BURST="${BURST:-1000}"
CONCURRENCY="${CONCURRENCY:-16}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
SPEC="${SPEC:-}"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --window) WINDOW="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --burst) BURST="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --spec) SPEC="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "webhooks.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "webhooks.sh: $*" >&2; exit 1; }
log() { echo "-- $*" >&2; }
for tool in dotnet node curl wrk python3; do command -v "$tool" >/dev/null || die "$tool is missing"; done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ccmock-webhooks.XXXXXX")"
PIDS=()
stop() { local pid="$1" i; kill "$pid" 2>/dev/null || return 0; for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done; kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
cleanup() { local pid; for pid in "${PIDS[@]}"; do stop "$pid"; done; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
json() { python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print($2)" "$1"; }

# ---- build and start --------------------------------------------------------------------------
cd "$REPO"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "publishing the mock"
dotnet publish mockserver/ConnectedCarMock.MockServer -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/mock" -v quiet -nologo >"$WORK/build.log" 2>&1 \
  || die "publishing the mock failed: $(cat "$WORK/build.log")"

node "$REPO/tests/load/webhook-receiver.js" 0 >"$WORK/receiver.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -q '^listening ' "$WORK/receiver.log" && break; sleep 0.1; done
RECEIVER="$(sed -n 's/^listening //p' "$WORK/receiver.log")"
[ -n "$RECEIVER" ] || die "the receiver did not start: $(cat "$WORK/receiver.log")"

SPEC_ARGS=(); [ -z "$SPEC" ] || SPEC_ARGS=(--spec "$SPEC")
dotnet "$WORK/mock/connectedcar-mock.dll" serve --host 127.0.0.1 --port 0 --journal-size 0 --webhook-hosts loopback ${SPEC_ARGS[@]+"${SPEC_ARGS[@]}"} >"$WORK/mock.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 300); do grep -q '^ *API ' "$WORK/mock.log" && break; kill -0 "${PIDS[-1]}" 2>/dev/null || die "the mock exited: $(cat "$WORK/mock.log")"; sleep 0.1; done
API="$(sed -n 's/^ *API *//p' "$WORK/mock.log" | head -n1)"
MOCK="${API%%/api/*}"
[ -n "$API" ] || die "the mock did not report its API URL: $(cat "$WORK/mock.log")"

curl -sf "$MOCK/.well-known/openid-configuration" -o "$WORK/oidc.json" || die "no token endpoint"
SCOPES="$(json "$WORK/oidc.json" '" ".join(d["scopes_supported"])')"
curl -sf --data-urlencode grant_type=client_credentials --data-urlencode client_id=webhook-benchmark --data-urlencode "scope=$SCOPES" \
  "$(json "$WORK/oidc.json" 'd["token_endpoint"]')" -o "$WORK/token.json" || die "no token"
TOKEN="$(json "$WORK/token.json" 'd["access_token"]')"
curl -sf -H "Authorization: Bearer $TOKEN" "$API/accounts/vehicles" -o "$WORK/vehicles.json" || die "GET vehicles failed"
VEHICLE="$(json "$WORK/vehicles.json" 'd["_embedded"]["vehicles"][0]["id"]')"
VEHICLE_URL="$API/accounts/vehicles/$VEHICLE"

measure() { # one wrk window over GET vehicle; prints requests/s
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WINDOW" -H "Authorization: Bearer $TOKEN" "$VEHICLE_URL" >"$WORK/wrk.txt" 2>&1 || die "wrk failed: $(cat "$WORK/wrk.txt")"
  grep -q 'Non-2xx' "$WORK/wrk.txt" && die "GET vehicle answered errors: $(cat "$WORK/wrk.txt")"
  sed -n 's/^Requests\/sec: *//p' "$WORK/wrk.txt"
}

log "warming up (mock at $MOCK, receiver at $RECEIVER)"
WINDOW=3s measure >/dev/null
node "$REPO/tests/load/webhook-burst.js" "$API" "$TOKEN" "$RECEIVER" "$VEHICLE" 50 "$CONCURRENCY" >/dev/null || die "warm-up burst failed"
sleep 2

# ---- interleaved rounds ------------------------------------------------------------------------
BASE=(); DURING=(); RESULTS=()
for round in $(seq "$ROUNDS"); do
  curl -sf -X POST "$MOCK/__mock/reset" >/dev/null; curl -sf -X POST "$RECEIVER/reset" >/dev/null
  base="$(measure)"; BASE+=("$base")

  curl -sf -X POST "$MOCK/__mock/reset" >/dev/null; curl -sf -X POST "$RECEIVER/reset" >/dev/null
  node "$REPO/tests/load/webhook-burst.js" "$API" "$TOKEN" "$RECEIVER" "$VEHICLE" "$BURST" "$CONCURRENCY" >"$WORK/burst.json" &
  burst_pid=$!
  during="$(measure)"; DURING+=("$during")
  wait "$burst_pid" || die "the burst failed: $(cat "$WORK/burst.json")"
  expected=$((BURST * 2))
  for _ in $(seq 600); do
    curl -sf "$RECEIVER/stats" -o "$WORK/stats.json"
    [ "$(json "$WORK/stats.json" 'd["unique"]')" -ge "$expected" ] && break
    sleep 0.1
  done
  curl -sf "$MOCK/__mock/deliveries?outcome=Delivered" -o "$WORK/journal.json"
  created="$(json "$WORK/burst.json" 'd["created"]')"; seconds="$(json "$WORK/burst.json" 'd["seconds"]')"
  unique="$(json "$WORK/stats.json" 'd["unique"]')"; received="$(json "$WORK/stats.json" 'd["received"]')"
  delivered="$(json "$WORK/journal.json" 'd["total"]')"; last="$(json "$WORK/stats.json" 'd["lastAtMs"] - d["firstAtMs"]')"
  RESULTS+=("round $round: baseline $base req/s, during burst $during req/s; $created remotes created in ${seconds} s; receiver got $unique unique messages ($received posts) over ${last} ms; journal: $delivered delivered")
  log "${RESULTS[-1]}"
  [ "$created" -eq "$BURST" ] || die "round $round: only $created of $BURST remotes were created"
  [ "$unique" -eq "$expected" ] || die "round $round: $unique of $expected messages arrived (lost: $((expected - unique)))"
  [ "$delivered" -eq "$expected" ] || die "round $round: the journal says $delivered of $expected delivered"
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
mb="$(median "${BASE[@]}")"; md="$(median "${DURING[@]}")"
echo
echo "Webhook burst benchmark ($(nproc) cores, wrk -t$THREADS -c$CONNECTIONS, window $WINDOW, $ROUNDS interleaved rounds, burst $BURST remotes x 2 messages, $CONCURRENCY clients)"
printf '%s\n' "${RESULTS[@]}"
echo "median GET vehicle: baseline $mb req/s, during burst $md req/s, ratio $(python3 -c "print(f'{$md / $mb:.2f}')") (target >= 0.80)"
echo "every round: $((BURST * 2)) of $((BURST * 2)) messages delivered, none lost, none duplicated"
