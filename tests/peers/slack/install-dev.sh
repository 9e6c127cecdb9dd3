#!/usr/bin/env bash
# install-dev.sh HOST_DLL — the real host as `dotnet run` starts it on a developer's machine (Development, content
# root src/SalesCoachBot.Host, so DI scope validation is on), with the multi-workspace install keys set and Socket
# Mode off, driven with curl like a browser:
#   /healthz ok; /slack/install → 302 to Slack's authorize URL with exactly the manifest's bot scopes, the
#   redirect_uri under PublicBaseUrl, a signed state and its HttpOnly cookie; error=access_denied → polite page;
#   the redirect with that state, cookie and a code → oauth.v2.access (a local fake) → installed, one row in the
#   database, the bot token on disk only encrypted; the same state again, a forged state → 400 polite page.
set -euo pipefail
dll=${1:?usage: install-dev.sh PATH/TO/SalesCoachBot.Host.dll}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/salescoach-slack-install-XXXXXX")
host_pid='' fake_pid=''
cleanup() {
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; wait "$fake_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; failures=$((failures + 1)); fi
}

token='xoxb-install-dev-0123456789-secret'
# A local oauth.v2.access: answers a bot installation for the code "good", invalid_code otherwise.
TOKEN=$token node -e '
  const http = require("node:http");
  const server = http.createServer((req, res) => {
    let body = ""; req.on("data", (c) => { body += c; }); req.on("end", () => {
      const good = req.url.startsWith("/api/oauth.v2.access") && new URLSearchParams(body).get("code") === "good";
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(good
        ? { ok: true, access_token: process.env.TOKEN, token_type: "bot", scope: "commands,chat:write", bot_user_id: "U0BOT", app_id: "A0DEV",
            team: { id: "T0DEV", name: "Initech Sales" }, enterprise: null, is_enterprise_install: false, authed_user: { id: "U0ADMIN" } }
        : { ok: false, error: "invalid_code" }));
    });
  });
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
' > "$work/fake.port" &
fake_pid=$!
for _ in $(seq 1 50); do [ -s "$work/fake.port" ] && break; sleep 0.1; done
fake_port=$(cat "$work/fake.port")

port=$(node "$(dirname "$0")/free-port.mjs")
base="http://127.0.0.1:$port"
public='https://coach.example.com'
(
  cd "$work"
  exec env ASPNETCORE_ENVIRONMENT=Development PublicBaseUrl="$public" Logging__LogLevel__Default=Warning \
    Slack__SigningSecret=install-dev-signing-secret Slack__ClientId=1111.2222 Slack__ClientSecret=install-dev-client-secret \
    Slack__StateSecret=install-dev-state-secret-0123456789abcdef Slack__ApiBaseUrl="http://127.0.0.1:$fake_port/api/" \
    Slack__AppToken= Slack__BotToken= ConnectionStrings__SalesCoach="Data Source=$work/salescoach.db" \
    Slack__DataProtectionKeysPath="$work/data/keys" Slack__InstallationsPath="$work/data/slack-installations" \
    dotnet "$dll" --contentRoot "$root/src/SalesCoachBot.Host" --demo --urls "$base"
) > "$work/host.log" 2>&1 &
host_pid=$!

up=false
for _ in $(seq 1 240); do
  if curl -fsS "$base/healthz" > "$work/health" 2>/dev/null; then up=true; break; fi
  kill -0 "$host_pid" 2>/dev/null || break
  sleep 0.25
done
if ! $up; then echo "FAIL host did not answer /healthz"; cat "$work/host.log"; exit 1; fi
check "/healthz ok in Development ($(cat "$work/health"))" grep -q '"status":"Healthy"' "$work/health"

# --- /slack/install ---
curl -sS -o /dev/null -D "$work/install.h" "$base/slack/install"
location=$(tr -d '\r' < "$work/install.h" | sed -n 's/^[Ll]ocation: //p')
cookie=$(tr -d '\r' < "$work/install.h" | sed -n 's/^[Ss]et-[Cc]ookie: slack_oauth_nonce=\([^;]*\).*/\1/p')
query_param() { node -e 'console.log(new URL(process.argv[1]).searchParams.get(process.argv[2]) ?? "")' "$location" "$1"; }
state=$(query_param state)
manifest_scopes=$(awk '/^ *scopes:/ {s=1; next} s && /^ *bot:/ {b=1; next} b && /^ *- / {sub(/^ *- */, ""); print; next} b {exit}' \
  "$root/manifest/slack/manifest.yaml" | sort | paste -sd, -)
asked_scopes=$(query_param scope | tr ',' '\n' | sort | paste -sd, -)
check "/slack/install -> 302" grep -q '^HTTP/1.1 302' "$work/install.h"
check "to Slack's authorize page" test "${location%%\?*}" = 'https://slack.com/oauth/v2/authorize'
check "client_id and redirect_uri under PublicBaseUrl" \
  test "$(query_param client_id) $(query_param redirect_uri)" = "1111.2222 $public/slack/oauth_redirect"
check "scopes are exactly the manifest's bot scopes (asked: $asked_scopes; manifest: $manifest_scopes)" test -n "$asked_scopes" -a "$asked_scopes" = "$manifest_scopes"
check "signed state with an expiry" test "$(tr -cd . <<< "$state" | wc -c)" = 2
check "state cookie: its nonce, HttpOnly, path /slack" \
  bash -c '[ -n "$1" ] && [ "${2%%.*}" = "$1" ] && grep -qi "set-cookie: slack_oauth_nonce=.*path=/slack.*httponly" "$3"' _ "$cookie" "$state" "$work/install.h"

# --- /slack/oauth_redirect ---
redirect() { # redirect OUT QUERY [COOKIE] -> prints the status
  curl -sS -o "$work/$1" -w '%{http_code}' ${3:+-H "Cookie: slack_oauth_nonce=$3"} "$base/slack/oauth_redirect?$2"
}
status=$(redirect cancelled.html 'error=access_denied&state=whatever')
check "error=access_denied -> 200 polite page" bash -c '[ "$1" = 200 ] && grep -q "Installation cancelled" "$2"' _ "$status" "$work/cancelled.html"
status=$(redirect forged.html "code=good&state=AAAA.9999999999.forged" "AAAA")
check "forged state -> 400 polite page, nothing exchanged" bash -c '[ "$1" = 400 ] && grep -q "install link has expired" "$2"' _ "$status" "$work/forged.html"
status=$(redirect installed.html "code=good&state=$state" "$cookie")
check "state + cookie + code -> installed ($status)" bash -c '[ "$1" = 200 ] && grep -q "now works in Initech Sales" "$2"' _ "$status" "$work/installed.html"
status=$(redirect replayed.html "code=good&state=$state" "$cookie")
check "the same state again -> 400 polite page" bash -c '[ "$1" = 400 ] && grep -q "install link has expired" "$2"' _ "$status" "$work/replayed.html"
# Installations live in the bot's database (every host sees them): one row for T0DEV, ciphertext only.
check "an installation is stored in the database" python3 -c '
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("select key, protected_payload from channel_installations").fetchall()
sys.exit(0 if [r[0] for r in rows] == ["T-T0DEV"] and sys.argv[2].encode() not in rows[0][1] else 1)' "$work/salescoach.db" "$token"
check "the key ring is in the configured folder" bash -c 'ls "$1"/key-*.xml > /dev/null' _ "$work/data/keys"
check "the bot token is on disk only encrypted, and not in the log" bash -c '! grep -rqF -- "$1" "$2/data" "$2/host.log"' _ "$token" "$work"

if [ "$failures" -gt 0 ]; then echo "--- host log"; cat "$work/host.log"; echo "install (Development): $failures failed"; exit 1; fi
echo "install (Development): all passed"
