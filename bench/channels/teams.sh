#!/usr/bin/env bash
# bench/channels/teams.sh — the Teams speed goals of issue 4, side by side with botbuilder-js.
#  1. "what's next for Globex renewal" from the demo rep, token validation ON (RS256 token from a
#     local OpenID stub), a real database lookup, the checklist Adaptive Card to the fake connector:
#     compare.sh ours vs botbuilder-js (A B A B). Goal: >= 3x botbuilder turns/s, p99 <= 10 ms at c=8.
#  2. Action.Execute confirm/undo invokes (a database write + the updated card in the HTTP
#     response), token validation on. Goal: p99 <= 25 ms at c=8.
# Env: PARTS="turn confirm kestrel" (what to run), CONNS (default "8 32"), RUNS (compare.sh, 2),
#      PIN/DURATION/WARMUP_MIN… as the shared run.sh; NO_BUILD=1 HOST_DIR=… to reuse a build;
#      WORK (default /tmp/scb-channel-bench). Needs Node >= 20, the .NET 10 SDK, wrk.
source "$(dirname "$0")/common.sh"
PARTS=${PARTS:-turn confirm} STUB_PORT=${STUB_PORT:-3990} APP_ID=bench-app-id
CONNECTOR_URL=http://127.0.0.1:3979   # the shared fake connector; the token's serviceurl claim names it
trap stop_bg EXIT; trap 'exit 130' INT TERM

build_host
BENCH=$(copy_harness)
rm -f "$WORK/token"
start_bg openid-stub "" node "$HERE/openid-stub.mjs" "$STUB_PORT" "$APP_ID" "$CONNECTOR_URL" "$WORK/token"
wait_http "http://127.0.0.1:$STUB_PORT/v1/keys"
export AUTH="Bearer $(cat "$WORK/token")"
# No AppPassword: outbound replies to the loopback connector carry no token (MSAL is never asked).
START=$(write_start teams "Teams__AppId=$APP_ID" \
  "Teams__OpenIdMetadataUrl=http://127.0.0.1:$STUB_PORT/v1/.well-known/openidconfiguration" \
  "Teams__TenantId=00000000-0000-0000-0000-000000000001")
URL=http://127.0.0.1:$PORT/api/messages

for part in $PARTS; do
  case $part in
    turn)
      echo "== Teams what's-next turn: ours (token validation on) vs botbuilder-js (auth off); $(load)"
      SCRIPT=$HERE/teams-message.lua START_A=$START "$BENCH/compare.sh" "$URL" botbuilder
      echo "== after: $(load)" ;;
    confirm)
      echo "== Teams Action.Execute confirm/undo invoke (database write + updated card in the response); $(load)"
      KIND=raw SCRIPT=$HERE/teams-confirm.lua CONNS=${CONFIRM_CONNS:-8} START=$START "$BENCH/run.sh" "$URL"
      echo "== after: $(load)" ;;
    kestrel)
      echo "== bare Kestrel, the activity body; $(load)"
      "$BENCH/run.sh" kestrel
      echo "== after: $(load)" ;;
    *) echo "unknown part $part" >&2; exit 2 ;;
  esac
done
