#!/usr/bin/env bash
# Webhook delivery benchmark of the mock server, on one machine, in one run:
#
#   1. publishes the mock as the container does;
#   2. starts two mocks with the same settings, one delivering events (default delays: Pending after
#      300 ms, Done 500 ms after it; loopback only) and one with --events off, and a webhook receiver
#      (Node.js) that answers 201 and counts message ids;
#   3. in interleaved rounds, measures GET vehicle with wrk for WINDOW seconds:
#        - idle:               nothing else happens (for context);
#        - without deliveries: at the start of the window, BURST remotes are created on the mock with
#                              --events off, as fast as CONCURRENCY clients can;
#        - with deliveries:    the same burst on the delivering mock (each remote sends Pending then
#                              Done to the receiver);
#      after each delivering burst it waits until every message arrived and checks that none was lost
#      or duplicated (receiver's unique ids = 2 x BURST, the mock's journal says 2 x BURST delivered);
#   4. prints each round, the medians, and the ratio with / without deliveries (the target is >= 0.8).
#
# Usage: tests/load/webhooks.sh [--window 2s] [--rounds 5] [--burst 1000] [--concurrency 16] [--spec FILE]
# Every option is also an environment variable: WINDOW, ROUNDS, BURST, CONCURRENCY, SPEC, THREADS (2),
# CONNECTIONS (16).
#
# Needs: dotnet, node, curl, wrk (Debian/Ubuntu: sudo apt-get install wrk), python3.
# Numbers depend on the machine; the ratio is measured in the same run, wrk, the mock, the receiver
# and the burst clients sharing the CPUs.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WINDOW="${WINDOW:-2s}"
ROUNDS="${ROUNDS:-5}"
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

# The receiver stands in for a client's server, which runs elsewhere: at the lowest priority it takes
# only CPU the mock and wrk leave idle (its work still shows when the machine is saturated).
nice -n 19 node "$REPO/tests/load/webhook-receiver.js" 0 >"$WORK/receiver.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do grep -q '^listening ' "$WORK/receiver.log" && break; sleep 0.1; done
RECEIVER="$(sed -n 's/^listening //p' "$WORK/receiver.log")"
[ -n "$RECEIVER" ] || die "the receiver did not start: $(cat "$WORK/receiver.log")"

SPEC_ARGS=(); [ -z "$SPEC" ] || SPEC_ARGS=(--spec "$SPEC")
start_mock() { # NAME ARGS...: a mock on a free port; sets the variable NAME to its base URL
  local name="$1" log="$WORK/$1.log"; shift
  dotnet "$WORK/mock/connectedcar-mock.dll" serve --host 127.0.0.1 --port 0 --journal-size 0 --webhook-hosts loopback ${SPEC_ARGS[@]+"${SPEC_ARGS[@]}"} "$@" >"$log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 300); do grep -qs '^ *API ' "$log" && break; kill -0 "${PIDS[-1]}" 2>/dev/null || die "the mock exited: $(cat "$log")"; sleep 0.1; done
  local api; api="$(sed -n 's/^ *API *//p' "$log" | head -n1)"
  [ -n "$api" ] || die "the mock did not report its API URL: $(cat "$log")"
  printf -v "$name" '%s' "${api%%/api/*}"
  printf -v "${name}_PID" '%s' "${PIDS[-1]}"
}
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; } # user + system CPU of a process
start_mock MOCK
start_mock QUIET --events off
API="$MOCK/api/connectedcar/v1"
QUIET_API="$QUIET/api/connectedcar/v1"

curl -sf "$MOCK/.well-known/openid-configuration" -o "$WORK/oidc.json" || die "no token endpoint"
SCOPES="$(json "$WORK/oidc.json" '" ".join(d["scopes_supported"])')"
curl -sf --data-urlencode grant_type=client_credentials --data-urlencode client_id=webhook-benchmark --data-urlencode "scope=$SCOPES" \
  "$(json "$WORK/oidc.json" 'd["token_endpoint"]')" -o "$WORK/token.json" || die "no token"
TOKEN="$(json "$WORK/token.json" 'd["access_token"]')"
curl -sf -H "Authorization: Bearer $TOKEN" "$API/accounts/vehicles" -o "$WORK/vehicles.json" || die "GET vehicles failed"
VEHICLE="$(json "$WORK/vehicles.json" 'd["_embedded"]["vehicles"][0]["_links"]["self"]["href"].rstrip("/").split("/")[-1]')"

measure() { # API: one wrk window over GET vehicle; prints requests/s
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WINDOW" -H "Authorization: Bearer $TOKEN" "$1/accounts/vehicles/$VEHICLE" >"$WORK/wrk.txt" 2>&1 || die "wrk failed: $(cat "$WORK/wrk.txt")"
  grep -q 'Non-2xx' "$WORK/wrk.txt" && die "GET vehicle answered errors: $(cat "$WORK/wrk.txt")"
  sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$WORK/wrk.txt" >"$WORK/requests.txt"
  sed -n 's/^Requests\/sec: *//p' "$WORK/wrk.txt"
}

log "warming up (mock at $MOCK, mock with --events off at $QUIET, receiver at $RECEIVER)"
for api in "$API" "$QUIET_API"; do
  WINDOW=3s measure "$api" >/dev/null
  node "$REPO/tests/load/webhook-burst.js" "$api" "$TOKEN" "$RECEIVER" "$VEHICLE" 200 "$CONCURRENCY" >/dev/null || die "warm-up burst failed"
done
sleep 2

# ---- interleaved rounds ------------------------------------------------------------------------
burst_round() { # API PID: GET vehicle during a burst of creates on that mock; prints requests/s, leaves burst.json and cpu.txt
  local before; before="$(cpu_ms "$2")"
  node "$REPO/tests/load/webhook-burst.js" "$1" "$TOKEN" "$RECEIVER" "$VEHICLE" "$BURST" "$CONCURRENCY" >"$WORK/burst.json" &
  local burst_pid=$! during
  during="$(measure "$1")"
  wait "$burst_pid" || die "the burst failed: $(cat "$WORK/burst.json")"
  echo "$(($(cpu_ms "$2") - before)) $(cat "$WORK/requests.txt")" >"$WORK/cpu.txt"
  [ "$(json "$WORK/burst.json" 'd["created"]')" -eq "$BURST" ] || die "only $(json "$WORK/burst.json" 'd["created"]') of $BURST remotes were created"
  echo "$during"
}

IDLE=(); WITHOUT=(); WITH=(); RESULTS=(); PER_MESSAGE=()
expected=$((BURST * 2))
for round in $(seq "$ROUNDS"); do
  for base in "$MOCK" "$QUIET"; do curl -sf -X POST "$base/__mock/reset" >/dev/null; done
  curl -sf -X POST "$RECEIVER/reset" >/dev/null
  idle_before="$(cpu_ms "$MOCK_PID")"; idle="$(measure "$API")"; IDLE+=("$idle")
  idle_cpu=$(($(cpu_ms "$MOCK_PID") - idle_before)); idle_requests="$(cat "$WORK/requests.txt")"
  without="$(burst_round "$QUIET_API" "$QUIET_PID")"; WITHOUT+=("$without"); quiet_seconds="$(json "$WORK/burst.json" 'd["seconds"]')"; read -r quiet_cpu quiet_requests <"$WORK/cpu.txt"
  with="$(burst_round "$API" "$MOCK_PID")"; WITH+=("$with"); seconds="$(json "$WORK/burst.json" 'd["seconds"]')"; read -r cpu requests <"$WORK/cpu.txt"
  for _ in $(seq 600); do
    curl -sf "$RECEIVER/stats" -o "$WORK/stats.json"
    [ "$(json "$WORK/stats.json" 'd["unique"]')" -ge "$expected" ] && break
    sleep 0.1
  done
  curl -sf "$MOCK/__mock/deliveries?outcome=Delivered" -o "$WORK/journal.json"
  unique="$(json "$WORK/stats.json" 'd["unique"]')"; received="$(json "$WORK/stats.json" 'd["received"]')"
  delivered="$(json "$WORK/journal.json" 'd["total"]')"; span="$(json "$WORK/stats.json" 'd["lastAtMs"] - d["firstAtMs"]')"
  # The mock's CPU beyond what its GETs cost (priced by the idle window), with minus without deliveries, per message.
  per_message="$(python3 -c "g = $idle_cpu / $idle_requests; print(f'{((($cpu - $requests * g) - ($quiet_cpu - $quiet_requests * g)) * 1000 / $expected):.0f}')")"
  PER_MESSAGE+=("$per_message")
  RESULTS+=("round $round: delivery CPU ${per_message} us per message; idle $idle req/s; burst without deliveries $without req/s (creates took ${quiet_seconds} s, mock CPU ${quiet_cpu} ms); burst with deliveries $with req/s (creates took ${seconds} s, mock CPU ${cpu} ms, receiver got $unique unique messages in $received posts over ${span} ms, journal: $delivered delivered)")
  log "${RESULTS[-1]}"
  [ "$unique" -eq "$expected" ] || die "round $round: $unique of $expected messages arrived (lost: $((expected - unique)))"
  [ "$received" -eq "$expected" ] || die "round $round: $received posts for $expected messages (duplicates)"
  [ "$delivered" -eq "$expected" ] || die "round $round: the journal says $delivered of $expected delivered"
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
mi="$(median "${IDLE[@]}")"; mo="$(median "${WITHOUT[@]}")"; mw="$(median "${WITH[@]}")"
echo
echo "Webhook burst benchmark ($(nproc) cores, wrk -t$THREADS -c$CONNECTIONS, window $WINDOW, $ROUNDS interleaved rounds, burst $BURST remotes x 2 messages, $CONCURRENCY clients)"
printf '%s\n' "${RESULTS[@]}"
echo "median GET vehicle: idle $mi req/s; during the burst without deliveries $mo req/s; with deliveries $mw req/s"
echo "ratio with / without deliveries: $(python3 -c "print(f'{$mw / $mo:.2f}')") (target >= 0.80); with deliveries / idle: $(python3 -c "print(f'{$mw / $mi:.2f}')")"
echo "the mock's CPU per delivered message (beyond the GETs, with minus without deliveries): median $(median "${PER_MESSAGE[@]}") us"
echo "every round: $expected of $expected messages delivered, none lost, none duplicated"
