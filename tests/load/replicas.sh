#!/usr/bin/env bash
# Load benchmark of the shared state (issue 17), on one machine, in one run:
#
#   1. publishes the mock (Release) and starts a Redis-protocol server: Debian's redis-server on a free port,
#      append-only with fsync every second (what deploy/ runs);
#   2. starts two mocks as users run them (security on, admin interface on): one keeping state in memory (the
#      baseline) and one with --state redis://...;
#   3. in ROUNDS interleaved rounds, measures with wrk at CONNECTIONS connections:
#        GET vehicle     on each mock (a generated resource: the Redis mock answers it from its local copy);
#        POST channel    on each mock (a create: through Redis, one INCR and one Lua script per request),
#                        after a reset of that mock, so every round starts from the same state;
#   4. prints medians: GET vehicle requests/s of the Redis mock as a fraction of the in-memory one (target
#      >= 0.90) and the p99 of a create through Redis (target < 10 ms), with the load average and the server's
#      CPU time per request (from /proc/PID/stat around each wrk run: other tenants disturb it far less).
#
# Usage: tests/load/replicas.sh [--duration 10s] [--warmup 3s] [--rounds 3] [--baseline-mock DIR]
# Environment: DURATION, WARMUP, ROUNDS, THREADS (2), CONNECTIONS (16), REDIS_SERVER (redis-server).
# BASELINE_MOCK=DIR (or --baseline-mock DIR): a folder with an earlier build of the mock, published the same way
# (connectedcar-mock.dll); it runs as two more mocks (in memory, and through Redis under its own prefix), measured
# in the same interleaved rounds, for a before/after.
# Needs: dotnet, curl, wrk, python3, redis-server (Debian/Ubuntu: sudo apt-get install wrk redis-server).
# The mocks, Redis and wrk share the CPUs; on a shared machine compare the ratio, not absolute figures.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"
ROUNDS="${ROUNDS:-3}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
BASELINE_MOCK="${BASELINE_MOCK:-}"
REDIS_SERVER="${REDIS_SERVER:-redis-server}"

while [ $# -gt 0 ]; do
  case "$1" in
    -d|--duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --baseline-mock) BASELINE_MOCK="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "replicas.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "replicas.sh: $*" >&2; exit 1; }
log() { echo "-- $*" >&2; }
for tool in dotnet curl wrk python3 "$REDIS_SERVER"; do command -v "$tool" >/dev/null || die "$tool is missing"; done
[ -z "$BASELINE_MOCK" ] || [ -f "$BASELINE_MOCK/connectedcar-mock.dll" ] || die "no connectedcar-mock.dll in $BASELINE_MOCK"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ccmock-replicas.XXXXXX")"
PIDS=()
stop() { local pid="$1" i; kill "$pid" 2>/dev/null || return 0; for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done; kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
cleanup() { local pid; for pid in "${PIDS[@]}"; do stop "$pid"; done; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "n/a"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
p99_ms() { awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v); print (u == "us" ? v / 1000 : (u == "s" ? v * 1000 : v)) }' "$1"; }
rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
non2xx() { awk '/Non-2xx or 3xx responses:/ {print $NF}' "$1"; }

log "publishing the mock (Release)"
cd "$REPO"
dotnet publish mockserver/ConnectedCarMock.MockServer -c Release -o "$WORK/mock" -v quiet -nologo >"$WORK/build.log" 2>&1 || die "publish failed: $(tail -20 "$WORK/build.log")"

REDIS_PORT="$(free_port)"
mkdir -p "$WORK/redis"
"$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK/redis" --appendonly yes --appendfsync everysec --save "" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break; sleep 0.1; done

declare -A PID_OF
start_mock() { # NAME DIR [ARGS...]: starts the mock published in DIR on a free port; sets BASE_<NAME>
  local name="$1" dir="$2" port; shift 2
  port="$(free_port)"
  dotnet "$dir/connectedcar-mock.dll" serve --host 127.0.0.1 --port "$port" "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!); PID_OF[$name]=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:$port/health" >/dev/null || die "mock $name did not start: $(cat "$WORK/$name.log")"
  printf -v "BASE_$name" '%s' "http://127.0.0.1:$port"
}
NAMES=(memory redis)
start_mock memory "$WORK/mock"
start_mock redis "$WORK/mock" --state "redis://127.0.0.1:$REDIS_PORT" --state-prefix bench
if [ -n "$BASELINE_MOCK" ]; then
  NAMES+=(basememory baseredis)
  start_mock basememory "$BASELINE_MOCK"
  start_mock baseredis "$BASELINE_MOCK" --state "redis://127.0.0.1:$REDIS_PORT" --state-prefix benchbase
fi

json() { python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print($2)" "$1"; }
curl -sf "$BASE_memory/.well-known/openid-configuration" >"$WORK/oauth.json"
curl -sf --data-urlencode grant_type=client_credentials --data-urlencode client_id=load-replicas \
  --data-urlencode "scope=$(json "$WORK/oauth.json" '" ".join(d["scopes_supported"])')" "$(json "$WORK/oauth.json" 'd["token_endpoint"]')" >"$WORK/token.json"
AUTH="Authorization: Bearer $(json "$WORK/token.json" 'd["access_token"]')"

API=/api/connectedcar/v1
curl -sf -H "$AUTH" "$BASE_memory$API/accounts/vehicles" >"$WORK/vehicles.json"
VEHICLE="$API/accounts/vehicles/$(json "$WORK/vehicles.json" 'd["_embedded"]["vehicles"][0]["_links"]["self"]["href"].rsplit("/", 1)[1]')"
# A channel to create: what a seeded channel subscribed to is what a client sends.
curl -sf -H "$AUTH" "$BASE_memory$API/accounts/channels" >"$WORK/channels.json"
json "$WORK/channels.json" 'json.dumps(d["_embedded"]["channels"][0]["subscribe"])' >"$WORK/channel.json"
for name in "${NAMES[@]}"; do
  base="BASE_$name"
  code="$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H "$AUTH" -H 'Content-Type: application/json' --data-binary @"$WORK/channel.json" "${!base}$API/accounts/channels")"
  [ "$code" = 202 ] || die "POST channel on $name answered $code: $(cat "$WORK/probe.json")"
done
cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = [[$(cat "$WORK/channel.json")]]
wrk.headers["Content-Type"] = "application/json"
LUA

LOAD_BEFORE="$(loadavg)"
declare -A RPS P99 BAD CPU
TICK="$(getconf CLK_TCK)"
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
measure() { # KEY URL [wrk args...]
  local key="$1" url="$2"; shift 2
  local out="$WORK/wrk-$key-$round.txt" pid="${PID_OF[${key#*-}]}" ticks
  ticks="$(cpu_ticks "$pid")"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$AUTH" "$@" "$url" >"$out"
  ticks=$(($(cpu_ticks "$pid") - ticks))
  CPU[$key]="${CPU[$key]:-} $(awk -v t="$ticks" -v hz="$TICK" -v n="$(awk '/requests in/ {print $1}' "$out")" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')"
  RPS[$key]="${RPS[$key]:-} $(rps "$out")"; P99[$key]="${P99[$key]:-} $(p99_ms "$out")"
  [ -z "$(non2xx "$out")" ] || BAD[$key]="${BAD[$key]:-0}+$(non2xx "$out")"
}
for name in "${NAMES[@]}"; do
  base="BASE_$name"
  log "warm-up $name ($WARMUP)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$AUTH" "${!base}$VEHICLE" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "$AUTH" -s "$WORK/post.lua" "${!base}$API/accounts/channels" >/dev/null
done
for round in $(seq "$ROUNDS"); do
  for name in "${NAMES[@]}"; do
    base="BASE_$name"
    log "round $round/$ROUNDS: GET vehicle, $name"
    measure "get-$name" "${!base}$VEHICLE"
  done
  for name in "${NAMES[@]}"; do
    base="BASE_$name"
    curl -sf -X POST "${!base}/__mock/reset" >/dev/null
    log "round $round/$ROUNDS: POST channel, $name"
    measure "post-$name" "${!base}$API/accounts/channels" -s "$WORK/post.lua"
  done
done

echo
echo "Shared state benchmark: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS interleaved rounds (median), after $WARMUP warm-up"
echo "Machine: $(nproc) CPUs, load average before/after: $LOAD_BEFORE / $(loadavg); $("$REDIS_SERVER" --version | cut -d' ' -f1-3), appendonly everysec"
echo
echo "| request | state | requests/s (median) | p99 ms (median) | server CPU µs/request (median) | rounds: requests/s | rounds: p99 ms | non-2xx |"
echo "|---|---|---:|---:|---:|---|---|---|"
for kind in get post; do
  for name in "${NAMES[@]}"; do
    key="$kind-$name"
    label="${name#base}"; [ "$label" = "$name" ] || label="$label, baseline build"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$( [ "$kind" = get ] && echo "GET vehicle" || echo "POST channel")" "$label" \
      "$(median ${RPS[$key]})" "$(median ${P99[$key]})" "$(median ${CPU[$key]})" "${RPS[$key]# }" "${P99[$key]# }" "${BAD[$key]:-0}"
  done
done
ratio="$(awk -v a="$(median ${RPS[get-redis]})" -v b="$(median ${RPS[get-memory]})" 'BEGIN { printf "%.2f", a / b }')"
post_p99="$(median ${P99[post-redis]})"
echo
echo "GET vehicle, Redis state / in memory: $ratio (target >= 0.90): $(awk -v r="$ratio" 'BEGIN { print (r >= 0.9 ? "met" : "NOT met") }')"
echo "POST channel through Redis, p99: $post_p99 ms (target < 10 ms): $(awk -v p="$post_p99" 'BEGIN { print (p < 10 ? "met" : "NOT met") }')"
