#!/usr/bin/env bash
# bench/channels/slack.sh — the Slack speed goals of issue 5, side by side with Bolt-js.
#  1. A signed `/coach next Globex renewal` from the demo rep, answered in the ack with the real
#     checklist (person + deal looked up in the database): compare.sh ours vs Bolt-js (A B A B).
#     Goal: >= 3x Bolt's requests/s, p99 <= 5 ms at c=8.
#  2. Signed block_actions Confirm / Undo presses (a database write each): the ack, and end to end
#     until the updated card reaches response_url (a local recording server). Goal: p99 <= 25 ms.
# Both sides get the same slash body (this folder's slash-body.txt: the shared one with the demo
# rep's user id, so our bot finds the person). Env as teams.sh; PARTS="command confirm kestrel".
source "$(dirname "$0")/common.sh"
PARTS=${PARTS:-command confirm}
export SLACK_SIGNING_SECRET=${SLACK_SIGNING_SECRET:-bench-signing-secret-0123456789abcdef}
trap stop_bg EXIT; trap 'exit 130' INT TERM

build_host
BENCH=$(copy_harness)
cp "$HERE/slash-body.txt" "$BENCH/wrk/slash-body.txt"   # run.sh signs this file before every wrk run
# The host serves listed workspaces only: the bench bodies come from T0BENCH01.
START=$(write_start slack "Slack__SigningSecret=$SLACK_SIGNING_SECRET" "Slack__AllowedTeamIds__0=T0BENCH01")

for part in $PARTS; do
  case $part in
    command)
      echo "== Slack /coach next: ours vs Bolt-js (both verify the signature); $(load)"
      START_A=$START "$BENCH/compare.sh" "http://127.0.0.1:$PORT/slack/commands" bolt
      echo "== after: $(load)" ;;
    confirm)
      echo "== Slack block_actions confirm/undo, ack and end to end (response_url); $(load)"
      LOAD_CPU= SUT_CPU=; [ "${PIN:-1}" = 1 ] && LOAD_CPU="taskset -c 0" SUT_CPU="taskset -c 1"
      start_bg slack-host "$SUT_CPU" "$START"
      wait_http "http://127.0.0.1:$PORT/"
      for c in ${CONFIRM_CONNS:-8}; do
        HOST_PID=${PGIDS[-1]} $LOAD_CPU node "$HERE/slack-confirm.mjs" "http://127.0.0.1:$PORT/slack/interactions" "$SLACK_SIGNING_SECRET" \
          "$c" "${DURATION:-15}" "${WARMUP_MIN:-30}"
      done
      stop_bg
      echo "== after: $(load)" ;;
    kestrel)
      echo "== bare Kestrel, the slash body; $(load)"
      KIND=slack "$BENCH/run.sh" kestrel
      echo "== after: $(load)" ;;
    *) echo "unknown part $part" >&2; exit 2 ;;
  esac
done
