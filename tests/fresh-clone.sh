#!/usr/bin/env bash
# What a new contributor does on a fresh machine, on this machine: clone the committed tree into a
# temporary folder with no ../shared beside it, give NuGet and npm empty caches, run the README's test
# command (.ci/run), then the README's first command (the mock on the embedded document) and its
# quick-start curl lines. Ends with the CI line "N passed, N failed" and the wall time.
#
#   tests/fresh-clone.sh            # HEAD of this repository
#   tests/fresh-clone.sh --keep     # keep the temporary folder (its path is printed)
#
# Uncommitted changes are not in the clone: commit first. Exit 0 only when every test passed and the
# quick start answered.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
keep=false
[ "${1:-}" = "--keep" ] && keep=true
started=$(date +%s)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/ccmock-fresh-XXXXXX")
# The clone sits in <scratch>/clone/ConnectedCarMock, so ../shared is <scratch>/clone/shared: absent.
clone="$scratch/clone/ConnectedCarMock"
cleanup() {
  [ -n "${mock_pid:-}" ] && kill -- "-$mock_pid" 2>/dev/null
  if $keep; then echo "fresh-clone: kept $scratch"; else rm -rf "$scratch"; fi
}
trap cleanup EXIT

elapsed() { echo $(($(date +%s) - started)); }

echo "fresh-clone: cloning $(git -C "$repo" rev-parse --short HEAD) into $clone"
git clone --quiet --no-local "$repo" "$clone" || { echo "fresh-clone: git clone failed"; echo "0 passed, 1 failed"; exit 1; }
[ -e "$clone/../shared" ] && { echo "fresh-clone: $clone/../shared exists; refusing to run with it"; exit 1; }

# Empty caches: every package comes from the registries, as on a machine that never built this.
export NUGET_PACKAGES="$scratch/nuget/packages"
export NUGET_HTTP_CACHE_PATH="$scratch/nuget/http-cache"
export npm_config_cache="$scratch/npm-cache"
export DOTNET_CLI_HOME="$scratch/dotnet-home"
unset CCMOCK_PUBLISHED_SPEC
mkdir -p "$NUGET_PACKAGES" "$NUGET_HTTP_CACHE_PATH" "$npm_config_cache" "$DOTNET_CLI_HOME"

cd "$clone" || exit 1
log="$scratch/ci.log"
echo "fresh-clone: .ci/run (log: $log)"
.ci/run >"$log" 2>&1
ci_exit=$?
ci_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
grep -E '^(skipped: |Passed!|Failed!)' "$log"
[ -n "$ci_line" ] || { tail -n 30 "$log"; ci_line="0 passed, 1 failed"; }
echo "fresh-clone: tests done after $(elapsed) s"

# The README's first command, then its quick-start curl lines against it. The port is the README's
# 8080 unless something on this machine already holds it.
port=8080
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)
fi
run_command=$(grep -m1 -E '^dotnet run --project mockserver/ConnectedCarMock.MockServer' README.md | sed 's/ *#.*//')
[ -n "$run_command" ] || { echo "fresh-clone: README has no 'dotnet run --project mockserver/...' line"; echo "$ci_line"; exit 1; }
quick_started=$(date +%s)
echo "fresh-clone: $run_command (port $port)"
set -m
CCMOCK_PORT=$port $run_command >"$scratch/mock.log" 2>&1 &
mock_pid=$!
set +m
quick_ok=false
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then quick_ok=true; break; fi
  kill -0 "$mock_pid" 2>/dev/null || break
  sleep 0.5
done
if $quick_ok; then
  echo "fresh-clone: /health answered 200 after $(($(date +%s) - quick_started)) s"
  # The curl lines of the README's quick start, each made to fail on an HTTP error, on this port.
  curl_lines=$(sed -n '/^Then, in another terminal:/,/^```$/p' README.md | sed -n '/^```sh$/,/^```$/p' | sed '1d;$d')
  script=$(sed -e "s/localhost:8080/127.0.0.1:$port/g" -e 's/curl -s /curl -fsS /g' <<<"$curl_lines")
  if out=$(bash -euo pipefail -c "$script" 2>&1) && [ -n "$out" ]; then
    echo "fresh-clone: quick-start curl lines answered 200 ($(wc -c <<<"$out") bytes)"
  else
    echo "fresh-clone: quick-start curl lines failed:"; echo "$out" | tail -n 5; quick_ok=false
  fi
else
  echo "fresh-clone: the mock did not serve /health:"; tail -n 20 "$scratch/mock.log"
fi

echo "fresh-clone: wall time $(elapsed) s"
echo "$ci_line"
[ "$ci_exit" -eq 0 ] && $quick_ok
