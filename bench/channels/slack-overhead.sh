#!/usr/bin/env bash
# bench/channels/slack-overhead.sh — what the Slack channel alone costs per request: slack-overhead/ is the
# channel (src/SalesCoachBot.Slack, signing on) over a fixed core answer (the demo's Globex checklist), so
# CPU µs/request here is verification + form parsing + ack + Block Kit rendering and writing + Kestrel,
# without the coach turn. Prints wrk's req/s, p50/p99 at c=8 and the host's CPU µs/request for the signed
# /coach body; PARTS="command confirm" adds block_actions confirm ack/end to end through response_url.
# Env: WORK (default /tmp/scb-slack-overhead), PORT (5205), DURATION (15), WARM (15 s), NO_BUILD=1.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); ROOT=$(cd "$HERE/../.." && pwd); SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}
WORK=${WORK:-/tmp/scb-slack-overhead}; PORT=${PORT:-5205}; PARTS=${PARTS:-command}
SECRET=${SLACK_SIGNING_SECRET:-bench-signing-secret-0123456789abcdef}
OUT=$WORK/app; mkdir -p "$WORK"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "${NO_BUILD:-0}" != 1 ]; then
  dotnet publish "$HERE/slack-overhead/SlackOverhead.csproj" -c Release -o "$OUT" --artifacts-path "$WORK/artifacts" \
    -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false >"$WORK/publish.log" 2>&1 || { cat "$WORK/publish.log" >&2; exit 1; }
fi
start() {
  (cd "$OUT" && Slack__SigningSecret=$SECRET setsid taskset -c 1 dotnet "$OUT/SlackOverhead.dll" --urls "http://127.0.0.1:$PORT" >"$WORK/host.log" 2>&1) &
  HPID=$!; sleep 0.2; HPID=$(pgrep -n -f "SlackOverhead.dll --urls http://127.0.0.1:$PORT")
  for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && return; sleep 0.1; done; echo "host did not start" >&2; exit 1
}
stop() { kill -TERM "$HPID" 2>/dev/null || true; wait 2>/dev/null || true; }
cpu() { awk '{print $14+$15}' "/proc/$HPID/stat"; }
trap stop EXIT
for part in $PARTS; do
  start
  case $part in
    command)
      cp "$HERE/slash-body.txt" "$WORK/slash-body.txt"; node "$SHARED/wrk/sign.js" "$SECRET" "$WORK/slash-body.txt" "$WORK/slash.headers"
      run() { SLASH_BODY=$WORK/slash-body.txt SLASH_HEADERS=$WORK/slash.headers taskset -c 0 wrk -t2 -c8 -d"$1"s --latency -s "$SHARED/wrk/slash.lua" "http://127.0.0.1:$PORT/slack/commands"; }
      run "${WARM:-15}" >/dev/null
      T0=$(cpu); run "${DURATION:-15}" >"$WORK/wrk.out"; T1=$(cpu)
      REQS=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
      echo "== Slack channel alone, signed /coach, c=8; load $(cut -d' ' -f1-3 /proc/loadavg)"
      grep -E "Requests/sec| 50%| 99%|Non-2xx" "$WORK/wrk.out"
      echo "cpu_us/req: $(( (T1 - T0) * 10000 / REQS ))" ;;
    confirm)
      echo "== Slack channel alone, block_actions confirm (fixed core), ack and end to end; load $(cut -d' ' -f1-3 /proc/loadavg)"
      T0=$(cpu)
      taskset -c 0 node "$HERE/slack-confirm.mjs" "http://127.0.0.1:$PORT/slack/interactions" "$SECRET" 8 "${DURATION:-15}" "${WARM:-15}" 3991
      T1=$(cpu); echo "host cpu s (warm-up + run): $(( (T1 - T0) / 100 ))" ;;
  esac
  stop
done
