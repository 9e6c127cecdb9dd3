# Shared by teams.sh and slack.sh (sourced). Builds the host, copies the shared harness, and
# writes a start script that gives the host a fresh demo database on every start.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}      # the shared side-by-side harness (read-only)
WORK=${WORK:-/tmp/scb-channel-bench}               # everything this run writes
ART=${ARTIFACTS:-$WORK/artifacts}                  # own artifacts folder: never the repo's bin/obj
HOST_DIR=${HOST_DIR:-$WORK/host}                   # published host (HOST_DIR=… NO_BUILD=1 to reuse one)
PORT=${PORT:-5005}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$WORK"

load() { uptime | sed 's/.*load average: /load /'; }

build_host() {
  if [ "${NO_BUILD:-0}" = 1 ] && [ -f "$HOST_DIR/SalesCoachBot.Host.dll" ]; then return; fi
  echo "building the host (Release) into $HOST_DIR" >&2
  dotnet publish "$ROOT/src/SalesCoachBot.Host" -c Release -o "$HOST_DIR" --artifacts-path "$ART" \
    -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false >"$WORK/publish.log" 2>&1 ||
    { cat "$WORK/publish.log" >&2; exit 1; }
}

copy_harness() {  # a private, writable copy (the shared one is read-only); keeps npm installs and builds between runs
  local dst=$WORK/bench
  mkdir -p "$dst"
  (cd "$SHARED" && tar --exclude=node_modules --exclude=bin --exclude=obj --exclude=results -cf - .) | (cd "$dst" && tar -xf -)
  chmod -R u+w "$dst"
  echo "$dst"
}

# write_start NAME ENV... : $WORK/start-NAME.sh starts the host on 127.0.0.1:$PORT with a fresh
# demo database (SQLite file) and the given configuration. run.sh runs it in its own process group.
write_start() {
  local name=$1; shift
  local script=$WORK/start-$name.sh db=$WORK/$name.db
  {
    echo '#!/usr/bin/env bash'
    echo "rm -f '$db' '$db-wal' '$db-shm'"
    echo "export ASPNETCORE_ENVIRONMENT=Production Demo__Seed=true 'ConnectionStrings__SalesCoach=Data Source=$db'"
    # The runtime setting README "Deploy" recommends (TIERING=default measures without it).
    [ "${TIERING:-prompt}" = default ] || echo "export DOTNET_TC_CallCountingDelayMs=0"
    for kv in "$@"; do echo "export '$kv'"; done
    echo "exec dotnet '$HOST_DIR/SalesCoachBot.Host.dll' --contentRoot '$HOST_DIR' --urls http://127.0.0.1:$PORT"
  } >"$script"
  chmod +x "$script"
  echo "$script"
}

PGIDS=()
start_bg() {  # start_bg NAME CPU-PREFIX CMD... : own process group, log in $WORK/NAME.log
  local name=$1 cpu=$2; shift 2
  setsid $cpu "$@" >"$WORK/$name.log" 2>&1 & PGIDS+=($!)
}
stop_bg() {
  local g i; for g in "${PGIDS[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  for g in "${PGIDS[@]}"; do for i in $(seq 50); do pgrep -g "$g" >/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$g" 2>/dev/null || true; done; PGIDS=()
}
wait_http() {  # wait_http URL: until anything answers (60 s)
  for _ in $(seq 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" != 000 ] && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; exit 1
}
