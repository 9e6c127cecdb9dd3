#!/usr/bin/env bash
# HubSpot conformance checks with HubSpot's own definitions (CI calls this; exits non-zero on any failure):
#  1. our fake HubSpot (tests/SalesCoachBot.FakeCrm) runs behind `prism proxy --errors` serving HubSpot's published
#     OpenAPI specs (npm @opensdks/sdk-hubspot, merged by build-spec.mjs): every request and every answer of the fake
#     is validated against the spec, and a violation fails the call;
#  2. the official @hubspot/api-client drives the fake through the proxy (hubspot-drive.mjs): get, update, search,
#     batch read with history, owners, pipelines, notes, and the three refusals;
#  3. the host itself runs `crm sync --full` and `crm check` through the proxy against a few hundred deals, with the
#     shipped map plus a crm: mapping, and must add every deal.
# Salesforce conformance checks with Salesforce's own definitions:
#  4. our fake Salesforce org (tests/SalesCoachBot.FakeCrm, `salesforce` mode: two record types plus opportunities
#     without one, two owners, stage history) runs behind `prism proxy --errors` serving Salesforce's published sObject
#     spec (npm @opensdks/sdk-salesforce, cut by build-salesforce-spec.mjs);
#  5. jsforce signs in with the JWT bearer flow, makes sObject calls through the proxy, and SOQL (queryMore over
#     nextRecordsUrl), history and composite calls on the fake directly (the spec has no /query or /composite);
#  6. the host runs `crm check` and `crm sync --full` (JWT bearer with the connected app's certificate) against the org
#     and must add every opportunity; a second, incremental sync must change nothing.
# Salesforce Change Data Capture with a real CometD server (npm faye, what jsforce's streaming client talks to):
#  7. the host runs as a server with Crm:Salesforce:ChangeEvents=cdc against cometd-server.cjs (faye at /cometd/59.0)
#     and the fake org: it handshakes with the session's Bearer token and subscribes to /data/OpportunityChangeEvent;
#     an opportunity moved in the org plus its OpportunityChangeEvent moves the deal here (shown by `ask`), the
#     replayId is sent back in ext.replay after a restart; a malformed event is skipped with a log line; a refused
#     replayId starts from -1 and pulls from the cursor (the change made while the host was down arrives); dropped
#     connections are reconnected with backoff.
# Locally, set ARTIFACTS=/tmp/somewhere to build there instead of the default bin/ folders.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$here"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
deals=${CRM_DEALS:-300}

echo "--- npm ci (tests/peers/crm)"
npm ci --no-audit --no-fund --loglevel=error

echo "--- HubSpot spec from @opensdks/sdk-hubspot"
node build-spec.mjs "$work/hubspot.prism.json"

echo "--- build the fake HubSpot and the host"
if [ -n "${ARTIFACTS:-}" ]; then
  dotnet build "$root/tests/SalesCoachBot.FakeCrm" -c Release --artifacts-path "$ARTIFACTS" -nologo -v q >&2
  dotnet build "$root/src/SalesCoachBot.Host" -c Release --artifacts-path "$ARTIFACTS" -nologo -v q >&2
  fake_dll="$ARTIFACTS/bin/SalesCoachBot.FakeCrm/release/SalesCoachBot.FakeCrm.dll"
  host_dll="$ARTIFACTS/bin/SalesCoachBot.Host/release/SalesCoachBot.Host.dll"
else
  dotnet build "$root/tests/SalesCoachBot.FakeCrm" -c Release -nologo -v q >&2
  dotnet build "$root/src/SalesCoachBot.Host" -c Release -nologo -v q >&2
  fake_dll="$root/tests/SalesCoachBot.FakeCrm/bin/Release/net10.0/SalesCoachBot.FakeCrm.dll"
  host_dll="$root/src/SalesCoachBot.Host/bin/Release/net10.0/SalesCoachBot.Host.dll"
fi

fake_port=$(node free-port.mjs)
dotnet "$fake_dll" "$fake_port" "$deals" > "$work/fake.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do grep -q FAKE_HUBSPOT_URL "$work/fake.log" && break; sleep 0.2; done
grep -q FAKE_HUBSPOT_URL "$work/fake.log" || { echo "fake HubSpot did not start:"; cat "$work/fake.log"; exit 1; }

proxy_port=$(node free-port.mjs)
node_modules/.bin/prism proxy --errors -h 127.0.0.1 -p "$proxy_port" "$work/hubspot.prism.json" "http://127.0.0.1:$fake_port" > "$work/prism.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  grep -q "Prism is listening" "$work/prism.log" && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$proxy_port/" || true)" != 000 ] && break
  sleep 0.2
done
grep -q "Prism is listening" "$work/prism.log" || { echo "prism did not start:"; tail -20 "$work/prism.log"; exit 1; }
proxy="http://127.0.0.1:$proxy_port"
echo "fake HubSpot on $fake_port ($deals deals), prism proxy --errors on $proxy_port"

echo "--- official @hubspot/api-client through the validating proxy"
# The fake numbers deals from 9000000001; the drive moves the first one and adds a note to it.
node hubspot-drive.mjs "$proxy" pat-na1-fake 9000000001 || { echo "prism violations:"; grep -i -A3 violation "$work/prism.log" | head -40; exit 1; }

echo "--- the host: crm check and crm sync --full through the proxy"
node mapped-map.mjs "$root/src/SalesCoachBot.Core/ProcessMaps/default-map.yaml" "$work/map.yaml"
export Demo__Seed=true Database__Provider=Sqlite "ConnectionStrings__SalesCoach=Data Source=$work/host.db" \
  ProcessMap__Path="$work/map.yaml" Crm__Provider=hubspot Crm__HubSpot__AccessToken=pat-na1-fake Crm__HubSpot__BaseUrl="$proxy"
host() { (cd "$(dirname "$host_dll")" && dotnet "$(basename "$host_dll")" "$@"); }   # from its folder: appsettings.json
host crm check
started=$SECONDS
out=$(host crm sync --full) || { echo "$out"; grep -i -B2 -A6 "violation\|unprocessable" "$work/prism.log" | head -40; exit 1; }
echo "$out (in $((SECONDS - started)) s)"
grep -q "added $deals," <<< "$out" || { echo "expected all $deals deals added"; grep -i -A3 violation "$work/prism.log" | head -40; exit 1; }
again=$(host crm sync)
echo "$again"
grep -q "moved 0, closed 0" <<< "$again" || { echo "a second sync changed something"; exit 1; }
if grep -q "VIOLATIONS" "$work/prism.log"; then echo "prism saw violations:"; grep -A3 VIOLATIONS "$work/prism.log" | head -40; exit 1; fi

echo "--- Salesforce spec from @opensdks/sdk-salesforce"
node build-salesforce-spec.mjs "$work/salesforce.prism.json"
sf_port=$(node free-port.mjs)
dotnet "$fake_dll" salesforce "$sf_port" "$deals" 3 "$work/connected-app.pem" > "$work/fake-sf.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do grep -q FAKE_SALESFORCE_URL "$work/fake-sf.log" && break; sleep 0.2; done
grep -q FAKE_SALESFORCE_URL "$work/fake-sf.log" || { echo "fake Salesforce did not start:"; cat "$work/fake-sf.log"; exit 1; }
sf_proxy_port=$(node free-port.mjs)
node_modules/.bin/prism proxy --errors -h 127.0.0.1 -p "$sf_proxy_port" "$work/salesforce.prism.json" "http://127.0.0.1:$sf_port" > "$work/prism-sf.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do
  grep -q "Prism is listening" "$work/prism-sf.log" && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$sf_proxy_port/" || true)" != 000 ] && break
  sleep 0.2
done
grep -q "Prism is listening" "$work/prism-sf.log" || { echo "prism (Salesforce) did not start:"; tail -20 "$work/prism-sf.log"; exit 1; }
echo "fake Salesforce on $sf_port ($deals opportunities), prism proxy --errors on $sf_proxy_port"

echo "--- jsforce: JWT bearer sign-in, sObjects through the validating proxy, SOQL paging and composite on the fake"
node jsforce-drive.cjs "http://127.0.0.1:$sf_proxy_port" "http://127.0.0.1:$sf_port" "$work/connected-app.pem" 3MVG9FAKE.consumer.key integration@example.com "$deals" \
  || { echo "prism violations:"; grep -i -A3 violation "$work/prism-sf.log" | head -40; exit 1; }

echo "--- the host: crm check and crm sync --full against the fake org (JWT bearer)"
node mapped-map.mjs "$root/src/SalesCoachBot.Core/ProcessMaps/default-map.yaml" "$work/map-sf.yaml" salesforce
export "ConnectionStrings__SalesCoach=Data Source=$work/host-sf.db" ProcessMap__Path="$work/map-sf.yaml" Crm__Provider=salesforce \
  Crm__Salesforce__LoginUrl="http://127.0.0.1:$sf_port" Crm__Salesforce__ClientId=3MVG9FAKE.consumer.key \
  Crm__Salesforce__Username=integration@example.com Crm__Salesforce__CertificatePath="$work/connected-app.pem"
host crm check
started=$SECONDS
out=$(host crm sync --full) || { echo "$out"; exit 1; }
echo "$out (in $((SECONDS - started)) s)"
grep -q "added $deals," <<< "$out" || { echo "expected all $deals opportunities added"; exit 1; }
again=$(host crm sync)
echo "$again"
grep -q "moved 0, closed 0" <<< "$again" || { echo "a second sync changed something"; exit 1; }
if grep -q "VIOLATIONS" "$work/prism-sf.log"; then echo "prism saw violations:"; grep -A3 VIOLATIONS "$work/prism-sf.log" | head -40; exit 1; fi

echo "--- Salesforce Change Data Capture: the host's CometD subscriber against faye"
cd_port=$(node free-port.mjs)
node cometd-server.cjs "$cd_port" > "$work/cometd.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q COMETD_URL "$work/cometd.log" && break; sleep 0.1; done
grep -q COMETD_URL "$work/cometd.log" || { echo "faye did not start:"; cat "$work/cometd.log"; exit 1; }
cometd="http://127.0.0.1:$cd_port"
export Crm__Salesforce__ChangeEvents=cdc Crm__Salesforce__StreamingUrl="$cometd/cometd/59.0" Crm__PollInterval=01:00:00 Crm__Salesforce__CdcPollInterval=01:00:00
serve() {   # the host as a server (the CRM worker and the change-event subscriber run), logs to $work/$1
  bot_port=$(node free-port.mjs)
  (cd "$(dirname "$host_dll")" && exec dotnet "$(basename "$host_dll")" --urls "http://127.0.0.1:$bot_port" > "$work/$1" 2>&1) &
  host_pid=$!
  pids+=($host_pid)
}
wait_for() {   # wait_for FILE PATTERN WHAT [SECONDS]
  for _ in $(seq 1 $((${4:-60} * 5))); do grep -q -- "$2" "$1" && return 0; sleep 0.2; done
  echo "FAIL: no $3 within ${4:-60} s; $1:"; tail -30 "$1"; exit 1
}
event() {   # event ID CHANGE_TYPE: an OpportunityChangeEvent for one opportunity, published through faye
  curl -fsS -X POST "$cometd/_publish?channel=/data/OpportunityChangeEvent" --data-binary @- <<JSON
{"schema":"IeRuaY6cbI_HsV8Rv1Mc5g","payload":{"ChangeEventHeader":{"entityName":"Opportunity","recordIds":["$1"],"changeType":"$2",
"changeOrigin":"com/salesforce/api/rest/59.0","transactionKey":"$(node -e 'console.log(crypto.randomUUID())')","sequenceNumber":1,
"commitTimestamp":$(date +%s)000,"commitUser":"005000000000001AAA","changedFields":["StageName","LastModifiedDate"]},"StageName":"Negotiation/Review"},"event":{}}
JSON
}
stage_of() {   # stage_of OWNER_EMAIL NAME: what the host's card says about the deal
  host ask "what's next for $2" --as "$1" 2>/dev/null | head -3
}

serve host-cdc.log
wait_for "$work/cometd.log" "subscribe /data/OpportunityChangeEvent ext.replay=-1" "subscription (ext.replay -1 on a first start)"
grep -m1 "handshake Authorization: Bearer " "$work/cometd.log" || { echo "FAIL: the handshake carried no Bearer token"; exit 1; }
IFS=$'\t' read -r opp owner name < <(node cdc-drive.mjs "http://127.0.0.1:$sf_port" '00DFAKE!fixed.session' 'Negotiation/Review')
echo "moved in the org: $opp ($name, $owner) to Negotiation/Review"
event "$opp" UPDATE
card=""
for _ in $(seq 1 60); do card=$(stage_of "$owner" "$name"); grep -qi "verbal" <<< "$card" && break; sleep 0.5; done
echo "$card"
grep -qi "verbal" <<< "$card" || { echo "FAIL: the change event did not move the deal to Verbal agreement"; tail -20 "$work/host-cdc.log"; exit 1; }
grep -m1 "opportunities pulled" "$work/host-cdc.log"

echo "--- CDC bad input: a malformed event, then dropped connections"
curl -fsS -X POST "$cometd/_publish?channel=/data/OpportunityChangeEvent" -d '{"payload":{"ChangeEventHeader":{"entityName":"Opportunity","changeType":"UPDATE","recordIds":"not-a-list"}},"event":{}}'
wait_for "$work/host-cdc.log" "change event skipped" "log line for the malformed event" 30
grep -m1 "change event skipped" "$work/host-cdc.log"
curl -fsS -X POST "$cometd/_drop?n=3"
wait_for "$work/host-cdc.log" "connection lost" "log line for the dropped connection" 60
wait_for "$work/cometd.log" "dropped a connection" "drop" 5
for _ in $(seq 1 150); do [ "$(grep -c 'subscribe /data/OpportunityChangeEvent' "$work/cometd.log")" -ge 2 ] && break; sleep 0.2; done
grep "connection lost" "$work/host-cdc.log" | head -3
[ "$(grep -c 'subscribe /data/OpportunityChangeEvent' "$work/cometd.log")" -ge 2 ] || { echo "FAIL: no new subscription after the drops"; exit 1; }
replay=$(grep "subscribe /data/OpportunityChangeEvent" "$work/cometd.log" | tail -1 | sed 's/.*ext.replay=//')
echo "resubscribed after the drops with ext.replay=$replay (the stored replayId)"
[ "$replay" != "-1" ] || { echo "FAIL: the reconnect did not resume from the stored replayId"; exit 1; }

echo "--- CDC downtime: host stopped, a change in the org, the stored replayId refused on restart"
kill "$host_pid"; wait "$host_pid" 2>/dev/null || true
IFS=$'\t' read -r opp2 owner2 name2 < <(node cdc-drive.mjs "http://127.0.0.1:$sf_port" '00DFAKE!fixed.session' 'Negotiation/Review' "$opp")
echo "moved in the org while the host was down: $opp2 ($name2, $owner2)"
curl -fsS -X POST "$cometd/_refuse-replay"
serve host-cdc2.log
wait_for "$work/cometd.log" "refused replayId" "refusal of the stored replayId"
wait_for "$work/host-cdc2.log" "refused the stored replayId" "log line for the refused replayId"
grep -m1 "refused the stored replayId" "$work/host-cdc2.log"
card=""
for _ in $(seq 1 60); do card=$(stage_of "$owner2" "$name2"); grep -qi "verbal" <<< "$card" && break; sleep 0.5; done
echo "$card"
grep -qi "verbal" <<< "$card" || { echo "FAIL: the pull from the cursor after the refused replayId did not move the deal"; tail -20 "$work/host-cdc2.log"; exit 1; }
grep "subscribe /data/OpportunityChangeEvent" "$work/cometd.log" | tail -2

echo "crm peer checks: all passed"
