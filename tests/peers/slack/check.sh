#!/usr/bin/env bash
# Slack conformance checks with Slack's own packages (CI calls this; exits non-zero on any failure):
#  1. every golden Block Kit message type-checks against @slack/types (one tsc run) and keeps the size limits;
#  2. the signatures our C# computes (Samples/signing-vectors.json) are accepted by Bolt's verifySlackRequest;
#  3. end to end: the real host with demo data, signed /coach and block_actions, Web API and response_url
#     played by a local recording server;
#  4. Socket Mode: a fake Slack socket server (fake-socket-mode.mjs) played first against @slack/socket-mode's own
#     client, then against the host (acks with payload, redelivery, refresh_requested with no gap, fatal token);
#  5. install in Development: the host as `dotnet run` starts it (scope validation on), /slack/install and
#     /slack/oauth_redirect driven with curl, oauth.v2.access played by a local fake.
# Locally, set ARTIFACTS=/tmp/somewhere to build the host there instead of the default bin/ folders.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$here"

echo "--- npm ci (tests/peers/slack)"
npm ci --no-audit --no-fund --loglevel=error

echo "--- Block Kit goldens vs @slack/types"
node check-goldens.mjs "$root/tests/SalesCoachBot.Slack.Tests/Goldens"

echo "--- our signatures vs Bolt's verifier"
node verify-signatures.mjs "$root/tests/SalesCoachBot.Slack.Tests/Samples/signing-vectors.json"

echo "--- end to end: signed /coach and block_actions against the host with demo data"
if [ -n "${ARTIFACTS:-}" ]; then
  dotnet build "$root/src/SalesCoachBot.Host" -c Release --artifacts-path "$ARTIFACTS" -nologo -v q >&2
  dll="$ARTIFACTS/bin/SalesCoachBot.Host/release/SalesCoachBot.Host.dll"
else
  dotnet build "$root/src/SalesCoachBot.Host" -c Release -nologo -v q >&2
  dll="$root/src/SalesCoachBot.Host/bin/Release/net10.0/SalesCoachBot.Host.dll"
fi
node e2e.mjs "$dll"

echo "--- Socket Mode: @slack/socket-mode and the host against the fake socket server"
node socket-mode.mjs "$dll"

echo "--- multi-workspace install in Development: /slack/install, /slack/oauth_redirect, /healthz"
bash install-dev.sh "$dll"

echo "slack peer checks: all passed"
