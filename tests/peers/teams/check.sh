#!/usr/bin/env bash
# The project's Teams conformance checks, run by CI (.ci/run) and by hand. Uses only this
# folder's locked npm packages (Microsoft's own tools), never anything outside the repo.
#  1. every golden Adaptive Card validates with `adaptivecards` at max version 1.5 (+ Action.Execute verbs)
#  2. manifest/manifest.json validates with `@microsoft/app-manifest`, and so does a built package
#  3. end to end: the host with demo data behind Microsoft 365 Agents Playground, driven headless
# Env: HOST_DLL (default: the Release or Debug build under src/SalesCoachBot.Host/bin), SKIP_E2E=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$here"
failures=0
run() { echo "--- $*"; if ! "$@"; then failures=$((failures + 1)); fi; }

npm ci --no-audit --no-fund --loglevel=error

run node validate-cards.mjs --max-version 1.5 "$root/tests/SalesCoachBot.Teams.Tests/Goldens"
run node validate-manifest.mjs "$root/manifest/manifest.json"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
run bash "$root/manifest/build-package.sh" 2f8a4c3e-6b1d-4e7a-9c2f-1a2b3c4d5e6f coach.example.org "$work/package.zip"

# A free loopback port below the ephemeral range (32768+), so outgoing connections cannot take it first.
free_port() { python3 -c '
import random, socket
for _ in range(200):
    port = random.randint(20000, 31999)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port)); print(port); break
    except OSError:
        pass
    finally:
        s.close()
'; }

if [ "${SKIP_E2E:-0}" != 1 ]; then
  dll=${HOST_DLL:-}
  for candidate in "$root/src/SalesCoachBot.Host/bin/Release/net10.0/SalesCoachBot.Host.dll" "$root/src/SalesCoachBot.Host/bin/Debug/net10.0/SalesCoachBot.Host.dll"; do
    if [ -z "$dll" ] && [ -f "$candidate" ]; then dll=$candidate; fi
  done
  if [ -z "$dll" ]; then
    dotnet build "$root/src/SalesCoachBot.Host" -c Release >/dev/null
    dll="$root/src/SalesCoachBot.Host/bin/Release/net10.0/SalesCoachBot.Host.dll"
  fi
  bot_port=$(free_port); pg_port=$(free_port); pg_smb_port=$(free_port); pg_admin_port=$(free_port)
  echo "--- e2e: host on $bot_port, Agents Playground on $pg_port (Dana, EMEA), $pg_smb_port (Megan, SMB), $pg_admin_port (Adele, admin)"
  # Two maps (issue 18): the shipped one (id default, EMEA and Americas) and the SMB team's (id smb, e2e-data/smb.yaml).
  # The host watches the folder's files; e2e.mjs rewrites smb.yaml to change the SMB map while the host runs.
  mkdir -p "$work/maps"
  cp "$root/src/SalesCoachBot.Core/ProcessMaps/default-map.yaml" "$work/maps/default.yaml"
  cp "$here/e2e-data/smb.yaml" "$work/maps/smb.yaml"
  export ProcessMap__Folder="$work/maps" E2E_SMB_MAP="$work/maps/smb.yaml"
  # Development + AllowUnauthenticated: the playground sends no token (production never runs like this).
  # Owners get their stalled deals in their own chat (the digest step); the outbox is polled every second.
  export Nudges__DirectMessageOwners=true Nudges__DispatchInterval=00:00:01
  (cd "$work" && ASPNETCORE_ENVIRONMENT=Development Teams__AllowUnauthenticated=true Teams__AppId= \
     ConnectionStrings__SalesCoach="Data Source=$work/e2e.db" Logging__LogLevel__Default=Warning \
     exec dotnet "$dll" --contentRoot "$root/src/SalesCoachBot.Host" --urls "http://127.0.0.1:$bot_port" >"$work/host.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$bot_port/healthz" >/dev/null && break; sleep 0.5; done
  if ! curl -sf "http://127.0.0.1:$bot_port/healthz" >/dev/null; then
    echo "FAIL the host did not start"; tail -40 "$work/host.log"; exit 1
  fi
  # The SMB team on its own map, its rep and the map admin, imported as an operator would (the host seeded the demo).
  for kind in teams people deals; do
    (cd "$root/src/SalesCoachBot.Host" && ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__SalesCoach="Data Source=$work/e2e.db" \
       dotnet "$dll" import "$kind" "$here/e2e-data/$kind.csv") >"$work/import-$kind.log" 2>&1 \
      || { echo "FAIL import $kind"; cat "$work/import-$kind.log"; exit 1; }
  done
  # One Playground per person: it shows only its current user's chats. The default one's current user is
  # 00000000-…-020 (Dana Demo, EMEA); the others are its built-in users Megan Bowen (…021) and Adele Vance (…022),
  # made current by a config file (.m365agentsplayground.yml, M365_AGENTS_PLAYGROUND_CONFIG_PATH).
  # The Playground's built-in roster (its default config); a config file makes one of them the current user.
  roster=("user-id-0 Alex Wilber alexw" "user-id-1 Megan Bowen meganb" "user-id-2 Adele Vance adelev"
          "user-id-3 Isaiah Langer isaiahl" "user-id-4 Patti Fernandez pattif" "user-id-5 Lynne Robbins lynner")
  playground_config() { # N (index in the roster) -> a config file with that person as the current user
    local out="$work/pg-user-$1.yml" i id given surname mail
    printf 'version: "0.1.1"\ntenantId: 00000000-0000-0000-0000-0000000000001\nbot:\n  id: 00000000-0000-0000-0000-00000000000011\n  name: Test Bot\n' >"$out"
    person() { # FIRST-LINE-PREFIX PREFIX
      printf '%sid: %s\n' "$1" "$id"
      for line in "name: $given $surname" "userPrincipleName: $mail@example.com" "aadObjectId: 00000000-0000-0000-0000-00000000000$((20 + i))" \
        "givenName: $given" "surname: $surname" "email: $mail@example.com"; do printf '%s%s\n' "$2" "$line"; done
    }
    read -r id given surname mail <<<"${roster[$1]}"; i=$1
    printf 'currentUser:\n' >>"$out"; person "  " "  " >>"$out"
    printf 'users:\n' >>"$out"
    for i in "${!roster[@]}"; do
      if [ "$i" != "$1" ]; then read -r id given surname mail <<<"${roster[$i]}"; person "  - " "    " >>"$out"; fi
    done
    printf 'personalChat:\n  id: personal-chat-%s\ngroupChat:\n  id: group-chat-%s\n  name: Group Chat\nteam:\n  id: team-%s\n  name: My Team\n  aadGroupId: 00000000-0000-0000-0000-000000000031\n  channels:\n    - id: channel-announcements-id\n      name: Announcements\n' "$1" "$1" "$1" >>"$out"
    echo "$out"
  }
  start_playground() { # PORT NAME [CONFIG]
    # TEAMSAPPTESTER_BROWSER=none: headless (it would try to open a browser and exit otherwise).
    (cd "$work" && if [ -n "${3:-}" ]; then export M365_AGENTS_PLAYGROUND_CONFIG_PATH="$3"; fi
     TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_LOGFILE="$work/pg-$2.log" \
       exec node "$here/node_modules/@microsoft/m365agentsplayground/cli.js" -e "http://127.0.0.1:$bot_port/api/messages" \
         -c msteams -p "$1" --disable-telemetry >"$work/pg-$2.out" 2>&1) &
    pids+=($!)
  }
  start_playground "$pg_port" dana
  start_playground "$pg_smb_port" megan "$(playground_config 1)"
  start_playground "$pg_admin_port" adele "$(playground_config 2)"
  for port in "$pg_port" "$pg_smb_port" "$pg_admin_port"; do
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/_debug/ping" >/dev/null && break; sleep 0.2; done
  done
  echo "--- node e2e.mjs --pg http://127.0.0.1:$pg_port --pg-smb http://127.0.0.1:$pg_smb_port --pg-admin http://127.0.0.1:$pg_admin_port"
  # The digest step: the nudge verb, run as an operator would, against the host's database.
  export E2E_NUDGE="cd '$root/src/SalesCoachBot.Host' && ASPNETCORE_ENVIRONMENT=Development Teams__AllowUnauthenticated=true Teams__AppId= \
    ConnectionStrings__SalesCoach='Data Source=$work/e2e.db' dotnet '$dll' nudge --team EMEA --force"
  if ! node e2e.mjs --pg "http://127.0.0.1:$pg_port" --pg-smb "http://127.0.0.1:$pg_smb_port" --pg-admin "http://127.0.0.1:$pg_admin_port"; then
    failures=$((failures + 1))
    echo "--- host log (tail)"; tail -40 "$work/host.log"
  fi
fi

if [ "$failures" -gt 0 ]; then echo "Teams checks: $failures step(s) failed"; exit 1; fi
echo "Teams checks passed"
