#!/usr/bin/env bash
# Load benchmark of the mock server, on one machine, in one run:
#
#   1. builds Release (the mock, published as the container publishes it, and the benchmark tool);
#   2. starts the mock as users run it (security on, admin interface on, its default journal of 1000) and
#      the "floor": WireMock.Net answering one static mapping with the exact bytes of the mock's GET
#      vehicle answer, with its admin interface off and no journal (the fastest WireMock there is);
#   3. warms both up, then measures each endpoint with wrk and prints a table:
#      endpoint, bytes, requests/s, p99 latency, and requests/s as a fraction of the floor's;
#   4. measures start-up with the published Stellantis document: time from process spawn until
#      /health and one API GET both answer 200 (STARTUP_RUNS times; each run and the median).
#
# Usage: tests/load/run.sh [--duration 10s] [--warmup 5s] [--rounds 3] [--journal-size N] [--startup-runs 5] [--spec FILE]
#                          [--only throughput|startup] [--floor-admin] [--floor-journal N]
# Every option is also an environment variable: DURATION, WARMUP, ROUNDS, JOURNAL_SIZE (the mock's; empty: its
# default, 1000), FLOOR_ADMIN (no-admin), FLOOR_JOURNAL (0), STARTUP_RUNS, SPEC, ONLY, THREADS (2), CONNECTIONS (16).
# BASELINE_MOCK=DIR (or --baseline-mock DIR): a folder with an earlier build of the mock, published the same way
# (connectedcar-mock.dll); it is measured in the same rounds and start-up runs, interleaved, for a before/after.
# Targets (issue 12): GET vehicle >= 1.00 of the floor with p99 < 3 ms; telemetry latest and trips >= 0.80;
# start-up with the published document < 1 s. When the mock enforces OAuth (the default), the script gets a token
# with every scope from the mock's own token endpoint; AUTH_HEADER="Authorization: Bearer ..." sends
# your own instead.
#
# Needs: dotnet, curl, wrk (Debian/Ubuntu: sudo apt-get install wrk), and python3 or jq.
# Numbers depend on the machine: compare ratios to the floor, measured in the same run, not
# absolute requests/s across machines. wrk, the mock and the floor share the CPUs.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
JOURNAL_SIZE="${JOURNAL_SIZE:-}"
FLOOR_ADMIN="${FLOOR_ADMIN:-no-admin}"
FLOOR_JOURNAL="${FLOOR_JOURNAL:-0}"
STARTUP_RUNS="${STARTUP_RUNS:-5}"
ROUNDS="${ROUNDS:-3}"
SPEC="${SPEC:-$REPO/../shared/specs/stellantis-connected-car-v2.yaml}"
AUTH_HEADER="${AUTH_HEADER:-}"
BASELINE_MOCK="${BASELINE_MOCK:-}"
ONLY="${ONLY:-}"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    -d|--duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --journal-size) JOURNAL_SIZE="$2"; shift 2 ;;
    --floor-admin) FLOOR_ADMIN="admin"; shift ;;
    --floor-journal) FLOOR_JOURNAL="$2"; shift 2 ;;
    --baseline-mock) BASELINE_MOCK="$2"; shift 2 ;;
    --startup-runs) STARTUP_RUNS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --spec) SPEC="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "run.sh: $*" >&2; exit 1; }
log() { echo "-- $*" >&2; }
case "$ONLY" in ""|throughput|startup) ;; *) die "--only takes throughput or startup" ;; esac
[ -z "$BASELINE_MOCK" ] || [ -f "$BASELINE_MOCK/connectedcar-mock.dll" ] || die "no connectedcar-mock.dll in $BASELINE_MOCK"

# ---- tools ----------------------------------------------------------------------------------
command -v dotnet >/dev/null || die "dotnet is not on PATH"
command -v curl >/dev/null || die "curl is missing (Debian/Ubuntu: sudo apt-get install curl)"
command -v wrk >/dev/null || die "wrk is missing (Debian/Ubuntu: sudo apt-get install wrk; macOS: brew install wrk)"
if command -v python3 >/dev/null; then JSON=python3
elif command -v jq >/dev/null; then JSON=jq
else die "python3 or jq is needed to read JSON (Debian/Ubuntu: sudo apt-get install jq)"
fi

# ---- processes and cleanup --------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ccmock-load.XXXXXX")"
PIDS=()

stop() { # stop one process we started, by its id: TERM, then KILL if it lingers
  local pid="$1" i
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop "$pid"; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Wall clock in ms into NOW_MS; bash 5's EPOCHREALTIME needs no process (no fork, no exec).
now_ms() {
  if [ -n "${EPOCHREALTIME:-}" ]; then local t="${EPOCHREALTIME/[.,]/}"; NOW_MS=$((t / 1000)); else NOW_MS=$(($(date +%s%N) / 1000000)); fi
}

# A sleep that starts no process: read with a timeout from a pipe nobody writes to.
exec {NAP_FD}<> <(:)
nap() { read -rt "$1" -u "$NAP_FD" _ || true; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "n/a"; }

free_port() {
  if [ "$JSON" = python3 ]; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    local p
    while :; do p=$((20000 + RANDOM % 40000)); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done
  fi
}

CURL_AUTH=(); WRK_AUTH=()
use_auth() { AUTH_HEADER="$1"; CURL_AUTH=(-H "$AUTH_HEADER"); WRK_AUTH=(-H "$AUTH_HEADER"); }
[ -z "$AUTH_HEADER" ] || use_auth "$AUTH_HEADER"
GIVEN_AUTH="$AUTH_HEADER"

status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 ${CURL_AUTH[@]+"${CURL_AUTH[@]}"} "$1" || true; }

json_get() { # FILE PYTHON-EXPRESSION-OF-d JQ-FILTER: one value of a JSON file
  if [ "$JSON" = python3 ]; then
    python3 -c "import json, sys; d = json.load(open(sys.argv[1])); print($2)" "$1"
  else
    jq -er "$3" "$1"
  fi
}

# A client-credentials token from the mock's own authorization server, granting every scope it
# knows (so bodies carry every optional block). Prints the Authorization header.
mint_auth() {
  local base="$1" code endpoint scopes
  code="$(curl -s -o "$WORK/oauth-metadata.json" -w '%{http_code}' "$base/.well-known/openid-configuration" || true)"
  [ "$code" = 200 ] || die "the mock wants a token but $base/.well-known/openid-configuration answered $code; pass AUTH_HEADER"
  endpoint="$(json_get "$WORK/oauth-metadata.json" 'd["token_endpoint"]' '.token_endpoint')"
  scopes="$(json_get "$WORK/oauth-metadata.json" '" ".join(d["scopes_supported"])' '.scopes_supported | join(" ")')"
  code="$(curl -s -o "$WORK/token.json" -w '%{http_code}' --data-urlencode grant_type=client_credentials \
    --data-urlencode client_id=load-benchmark --data-urlencode "scope=$scopes" "$endpoint" || true)"
  [ "$code" = 200 ] || die "POST $endpoint answered $code: $(cat "$WORK/token.json")"
  echo "Authorization: Bearer $(json_get "$WORK/token.json" 'd["access_token"]' '.access_token')"
}

# Starts connectedcar-mock on a free port (--port 0); sets MOCK_BASE from its "API" line.
# (Not called in $(...): the process id must reach PIDS in this shell.)
start_mock() { # LOGFILE [ARGS...]; MOCK_DLL picks another build
  local logfile="$1" i line port; shift
  dotnet "${MOCK_DLL:-$WORK/mock/connectedcar-mock.dll}" serve --host 127.0.0.1 --port 0 "$@" >"$logfile" 2>&1 &
  PIDS+=($!)
  for i in $(seq 300); do
    line="$(grep -m1 '^ *API ' "$logfile" || true)"
    if [ -n "$line" ]; then
      port="$(sed -E 's|.*://[^:/]+:([0-9]+).*|\1|' <<<"$line")"
      MOCK_BASE="http://127.0.0.1:$port"
      return
    fi
    kill -0 "${PIDS[-1]}" 2>/dev/null || die "the mock exited: $(cat "$logfile")"
    sleep 0.1
  done
  die "the mock did not report its API URL in 30 s: $(cat "$logfile")"
}

list_vehicles() { # GET /accounts/vehicles into vehicles.json; prints the status
  curl -s -o "$WORK/vehicles.json" -w '%{http_code}' ${CURL_AUTH[@]+"${CURL_AUTH[@]}"} "$API/accounts/vehicles" || true
}

wait_for_200() {
  local url="$1" i
  for i in $(seq 300); do [ "$(status_of "$url")" = 200 ] && return 0; sleep 0.1; done
  die "$url did not answer 200 in 30 s"
}

# ---- build ------------------------------------------------------------------------------------
cd "$REPO"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "building Release (mock published as the Dockerfile does, and the WireMock floor)"
dotnet publish mockserver/ConnectedCarMock.MockServer -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/mock" -v quiet -nologo >"$WORK/build.log" 2>&1 \
  || die "publishing the mock failed: $(cat "$WORK/build.log")"
dotnet publish tests/ConnectedCarMock.Benchmarks -c Release -o "$WORK/bench" -v quiet -nologo >>"$WORK/build.log" 2>&1 \
  || die "publishing the benchmarks failed: $(cat "$WORK/build.log")"

# ---- throughput ---------------------------------------------------------------------------------
measure_throughput() {
  MOCK_JOURNAL=(); [ -z "$JOURNAL_SIZE" ] || MOCK_JOURNAL=(--journal-size "$JOURNAL_SIZE")
  log "starting the mock (journal size ${JOURNAL_SIZE:-default}, admin interface on)"
  start_mock "$WORK/mock.log" ${MOCK_JOURNAL[@]+"${MOCK_JOURNAL[@]}"}
  MOCK_PID="${PIDS[-1]}"
  MOCK="$MOCK_BASE"
  API="$MOCK/api/connectedcar/v1"
  wait_for_200 "$MOCK/health"

  list_status="$(list_vehicles)"
  if [ "$list_status" = 401 ] && [ -z "$GIVEN_AUTH" ]; then
    log "the mock enforces OAuth: getting a token with every scope from its token endpoint"
    auth="$(mint_auth "$MOCK")" || exit 1
    use_auth "$auth"
    list_status="$(list_vehicles)"
  fi
  case "$list_status" in
    200) ;;
    401|403) die "GET /accounts/vehicles answered $list_status with AUTH_HEADER: $(cat "$WORK/vehicles.json")" ;;
    *) die "GET /accounts/vehicles answered $list_status: $(cat "$WORK/vehicles.json")" ;;
  esac
  href="$(json_get "$WORK/vehicles.json" 'd["_embedded"]["vehicles"][0]["_links"]["self"]["href"]' '._embedded.vehicles[0]._links.self.href')" \
    || die "no _embedded.vehicles[0]._links.self.href in the vehicles list"
  VEHICLE_PATH="/${href#*://*/}"          # drop scheme and authority: the path works on any host
  VEHICLE_URL="$MOCK$VEHICLE_PATH"

  # The floor answers the exact bytes of GET vehicle (as wrk will get them: same Host header).
  curl -s -f ${CURL_AUTH[@]+"${CURL_AUTH[@]}"} -o "$WORK/vehicle.json" "$VEHICLE_URL" || die "GET $VEHICLE_PATH failed"
  FLOOR_PORT="$(free_port)"
  log "starting the floor on port $FLOOR_PORT ($(wc -c <"$WORK/vehicle.json") bytes, $FLOOR_ADMIN, journal size $FLOOR_JOURNAL)"
  dotnet "$WORK/bench/ConnectedCarMock.Benchmarks.dll" floor "$FLOOR_PORT" "$WORK/vehicle.json" "$FLOOR_ADMIN" "$FLOOR_JOURNAL" >"$WORK/floor.log" 2>&1 &
  PIDS+=($!); FLOOR_PID=$!
  FLOOR_URL="http://127.0.0.1:$FLOOR_PORT/floor"
  wait_for_200 "$FLOOR_URL"

  # A mock with security off, started now and idle until measured: the comparison below runs
  # interleaved with the others, so a noisy minute on a shared machine hits every configuration alike.
  SECURE_MOCK="$MOCK"
  log "starting a second mock with --security off"
  start_mock "$WORK/mock-open.log" ${MOCK_JOURNAL[@]+"${MOCK_JOURNAL[@]}"} --security off
  OPEN_PID="${PIDS[-1]}"
  OPEN_URL="$MOCK_BASE$VEHICLE_PATH"
  wait_for_200 "$MOCK_BASE/health"
  MOCK="$SECURE_MOCK"

  VARIATION_HEADER="X-Mock-Variation: missing=0.3; extra=0.3"
  NAMES=("floor (static WireMock mapping)" "GET vehicle" "GET telemetry latest" "GET trips" "GET vehicle, security off" "GET vehicle, variation missing=0.3 extra=0.3")
  URLS=("$FLOOR_URL" "$VEHICLE_URL" "$VEHICLE_URL/telemetries/latest" "$VEHICLE_URL/trips" "$OPEN_URL" "$VEHICLE_URL")
  EXTRA=("" "" "" "" "" "$VARIATION_HEADER")
  AUTHED=(0 1 1 1 0 1)
  # Whose CPU time each configuration costs: on a shared machine, CPU per request moves far less than requests/s.
  SERVER_PID=("$FLOOR_PID" "$MOCK_PID" "$MOCK_PID" "$MOCK_PID" "$OPEN_PID" "$MOCK_PID")
  ROWS=(0 1 2 3)
  if [ -n "$BASELINE_MOCK" ]; then
    log "starting the baseline build from $BASELINE_MOCK"
    MOCK_DLL="$BASELINE_MOCK/connectedcar-mock.dll" start_mock "$WORK/mock-baseline.log" ${MOCK_JOURNAL[@]+"${MOCK_JOURNAL[@]}"}
    wait_for_200 "$MOCK_BASE/health"
    NAMES+=("GET vehicle, baseline build"); URLS+=("$MOCK_BASE$VEHICLE_PATH"); EXTRA+=(""); AUTHED+=(1); ROWS+=(6); SERVER_PID+=("${PIDS[-1]}")
  fi
  # Measured in this order: GET vehicle right between the floor and its variation, security off right
  # after the floor, so each comparison pairs measurements seconds apart.
  ORDER=(5 1 0 4 2 3)
  [ -z "$BASELINE_MOCK" ] || ORDER=(5 1 0 6 4 2 3)
  wrk_args() { # index: the wrk arguments of a configuration
    local i="$1"
    WRK_ARGS=()
    [ "${AUTHED[$i]}" = 1 ] && WRK_ARGS+=(${WRK_AUTH[@]+"${WRK_AUTH[@]}"})
    [ -n "${EXTRA[$i]}" ] && WRK_ARGS+=(-H "${EXTRA[$i]}")
    return 0
  }
  for i in "${ORDER[@]}"; do
    wrk_args "$i"
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 ${WRK_ARGS[@]+"${WRK_ARGS[@]}"} "${URLS[$i]}" || true)"
    [ "$code" = 200 ] || die "GET ${URLS[$i]} answered $code before the benchmark"
    log "warming up ${NAMES[$i]} ($WARMUP)"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" ${WRK_ARGS[@]+"${WRK_ARGS[@]}"} "${URLS[$i]}" >/dev/null
  done

  median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
  declare -A RPS P99 CPU
  cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
  TICK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
  LOAD_BEFORE="$(loadavg)"
  for round in $(seq "$ROUNDS"); do
    for i in "${ORDER[@]}"; do
      wrk_args "$i"
      log "round $round/$ROUNDS: ${NAMES[$i]}: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
      out="$WORK/wrk-$i-$round.txt"
      ticks="$(cpu_ticks "${SERVER_PID[$i]}")"
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency ${WRK_ARGS[@]+"${WRK_ARGS[@]}"} "${URLS[$i]}" >"$out"
      ticks=$(($(cpu_ticks "${SERVER_PID[$i]}") - ticks))
      CPU[$i]="${CPU[$i]:-} $(awk -v t="$ticks" -v hz="$TICK" -v n="$(awk '/requests in/ {print $1}' "$out")" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')"
      bad="$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")"
      [ -z "$bad" ] || log "WARNING: ${NAMES[$i]}: $bad answers were not 2xx"
      RPS[$i]="${RPS[$i]:-} $(awk '/^Requests\/sec:/ {print $2}' "$out")"
      # p99 in ms whatever unit wrk prints (us, ms, s)
      P99[$i]="${P99[$i]:-} $(awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v); print (u == "us" ? v / 1000 : (u == "s" ? v * 1000 : v)) }' "$out")"
    done
  done

  floor_rps="$(median ${RPS[0]})"
  echo
  echo "Throughput: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS interleaved rounds (median), after $WARMUP warm-up each"
  echo "Mock: security on, admin interface on, journal ${JOURNAL_SIZE:-1000 (default)}. Floor: static WireMock mapping, $FLOOR_ADMIN, journal $FLOOR_JOURNAL."
  echo "Machine: $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)), load average before/after: $LOAD_BEFORE / $(loadavg)"
  echo "vehicle: $VEHICLE_PATH"
  echo
  TARGETS=("" ">= 1.00, p99 < 3 ms" ">= 0.80" ">= 0.80" "" "" "")
  echo "| endpoint | bytes | requests/s (median) | p99 ms (median) | vs floor | target | server CPU µs/request (median) | rounds: requests/s | rounds: vs floor |"
  echo "|---|---:|---:|---:|---:|---|---:|---|---|"
  for i in "${ROWS[@]}"; do
    wrk_args "$i"
    bytes="$(curl -s -o /dev/null -w '%{size_download}' ${WRK_ARGS[@]+"${WRK_ARGS[@]}"} "${URLS[$i]}")"
    rps="$(median ${RPS[$i]})"
    printf '| %s | %s | %.0f | %.2f | %s | %s | %.1f | %s | %s |\n' "${NAMES[$i]}" "$bytes" "$rps" "$(median ${P99[$i]})" \
      "$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" "${TARGETS[$i]}" "$(median ${CPU[$i]})" "$(printf '%.0f ' ${RPS[$i]})" \
      "$(paste -d' ' <(printf '%s\n' ${RPS[$i]}) <(printf '%s\n' ${RPS[0]}) | awk '{ printf "%.2f ", ($2 > 0 ? $1 / $2 : 0) }')"
  done

  vehicle_rps="$(median ${RPS[1]})"
  open_rps="$(median ${RPS[4]})"
  variation_rps="$(median ${RPS[5]})"
  echo
  # Per round, the ratio of two configurations measured seconds apart: what a noisy minute does not skew.
  round_ratios() { paste -d' ' <(printf '%s\n' ${RPS[$1]}) <(printf '%s\n' ${RPS[$2]}) | awk '{ printf "%.2f ", ($2 > 0 ? $1 / $2 : 0) }'; }
  echo "| comparison (GET vehicle, same run, medians) | requests/s | p99 ms | baseline requests/s | ratio | target | rounds: ratio |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  printf '| security on (JWT + filtering) vs security off | %.0f | %.2f | %.0f | %s | >= 0.70 | %s |\n' "$vehicle_rps" "$(median ${P99[1]})" "$open_rps" \
    "$(awk -v a="$vehicle_rps" -v b="$open_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" "$(round_ratios 1 4)"
  printf '| variation missing=0.3, extra=0.3 vs none | %.0f | %.2f | %.0f | %s | >= 0.80 | %s |\n' "$variation_rps" "$(median ${P99[5]})" "$vehicle_rps" \
    "$(awk -v a="$variation_rps" -v b="$vehicle_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" "$(round_ratios 5 1)"

  local pid
  for pid in "${PIDS[@]}"; do stop "$pid"; done
  PIDS=()
}

median_of() { # integers: their median (the mean of the middle two for an even count)
  local sorted n
  sorted=($(printf '%s\n' "$@" | sort -n)); n=${#sorted[@]}
  if [ $((n % 2)) -eq 1 ]; then echo "${sorted[$((n / 2))]}"; else echo $(((sorted[n / 2 - 1] + sorted[n / 2]) / 2)); fi
}

# One timed start: DLL LABEL; sets STARTUP_MS (spawn until /health and one API GET answer 200).
time_startup() {
  local dll="$1" label="$2" port logfile pid content code t0
  port="$(free_port)"
  logfile="$WORK/startup-$label.log"
  : >"$logfile"
  now_ms; t0=$NOW_MS
  dotnet "$dll" serve --spec "$SPEC" --host 127.0.0.1 --port "$port" >"$logfile" 2>&1 &
  pid=$!; PIDS=("$pid")
  # Until the mock prints its "API" line, watch its log with shell builtins only (no curl, no sleep
  # process): on a 2-core machine a tight curl loop would take CPU from the process being timed.
  while :; do
    content=""; IFS= read -r -d '' content <"$logfile" || true
    [[ "$content" == *" API "* ]] && break
    kill -0 "$pid" 2>/dev/null || die "the mock exited: $content"
    now_ms; [ $((NOW_MS - t0)) -lt 30000 ] || die "no API line after 30 s: $content"
    nap 0.005
  done
  # Then the clock stops when /health and one API GET both answer 200.
  while :; do
    if [ "$(status_of "http://127.0.0.1:$port/health")" = 200 ]; then
      code="$(status_of "http://127.0.0.1:$port$probe")"
      [ "$code" = 200 ] && break
      [ "$code" = 000 ] || die "GET $probe answered $code with $SPEC"
    fi
    now_ms; [ $((NOW_MS - t0)) -lt 30000 ] || die "not serving after 30 s: $(cat "$logfile")"
    nap 0.01
  done
  now_ms
  STARTUP_MS=$((NOW_MS - t0))
  stop "$pid"; PIDS=()
}

# ---- start-up with the published document ---------------------------------------------------------
measure_startup() {
  echo
  if [ ! -f "$SPEC" ]; then
    echo "Start-up: skipped, the published document is not at $SPEC (it lives in ../shared/specs/, never in the repository; pass --spec FILE)."
    return 0
  fi

  # Run 0 is untimed: it finds the API base path of the document and warms the file cache, so the
  # timed runs measure the process, not the disk.
  start_mock "$WORK/startup-0.log" --spec "$SPEC"
  base="$MOCK_BASE"
  api_path="$(sed -nE 's|^ *API +https?://[^/]+(/.*)$|\1|p' "$WORK/startup-0.log" | head -n1)"
  wait_for_200 "$base/health"
  probe="$api_path/accounts/vehicles"
  if [ -z "$GIVEN_AUTH" ] && [ "$(status_of "$base$probe")" = 401 ]; then
    # Tokens outlive the process: the mock derives its signing key from a fixed (development) secret.
    auth="$(mint_auth "$base")" || exit 1
    use_auth "$auth"
  fi
  code="$(status_of "$base$probe")"
  [ "$code" = 200 ] || die "GET $probe answered $code with $(basename "$SPEC")"
  stop "${PIDS[-1]}"; PIDS=()

  times=(); base_times=()
  LOAD_BEFORE="$(loadavg)"
  for run in $(seq "$STARTUP_RUNS"); do
    time_startup "$WORK/mock/connectedcar-mock.dll" "$run"; times+=("$STARTUP_MS")
    if [ -n "$BASELINE_MOCK" ]; then time_startup "$BASELINE_MOCK/connectedcar-mock.dll" "$run-baseline"; base_times+=("$STARTUP_MS"); fi
  done

  median="$(median_of "${times[@]}")"
  echo "Start-up with $(basename "$SPEC"): process spawn until GET /health and GET $probe answer 200"
  echo "(bearer token from a first, untimed run; load average before/after: $LOAD_BEFORE / $(loadavg))"
  echo
  if [ -n "$BASELINE_MOCK" ]; then
    echo "| run | ms | baseline build ms |"
    echo "|---:|---:|---:|"
    for run in "${!times[@]}"; do echo "| $((run + 1)) | ${times[$run]} | ${base_times[$run]} |"; done
    echo "| median | $median | $(median_of "${base_times[@]}") |"
  else
    echo "| run | ms |"
    echo "|---:|---:|"
    for run in "${!times[@]}"; do echo "| $((run + 1)) | ${times[$run]} |"; done
    echo "| median | $median |"
  fi
  echo
  if [ "$median" -lt 1000 ]; then echo "median under 1 s: yes"; else echo "median under 1 s: NO ($median ms)"; fi
}

[ "$ONLY" = startup ] || measure_throughput
[ "$ONLY" = throughput ] || measure_startup
