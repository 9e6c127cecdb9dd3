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

echo "crm peer checks: all passed"
