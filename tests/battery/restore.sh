#!/usr/bin/env bash
# docs/deploy.md §5, as a test: a database with demo data is dumped (pg_dump), restored into a new database
# (pg_restore), and a host started on the restored copy answers a signed Slack command about a demo deal.
#   needs: pg_dump, pg_restore, psql, openssl, curl, SALESCOACH_TEST_POSTGRES, a built host (RESTORE_CONFIG, Release)
set -euo pipefail
cd "$(dirname "$0")/../.."
config="${RESTORE_CONFIG:-${BATTERY_CONFIG:-Release}}"
dll="$PWD/src/SalesCoachBot.Host/bin/$config/net10.0/SalesCoachBot.Host.dll"
[ -f "$dll" ] || dotnet build src/SalesCoachBot.Host -c "$config" -v q >/dev/null
server="${SALESCOACH_TEST_POSTGRES:?set SALESCOACH_TEST_POSTGRES (bash tests/start-postgres.sh prints it)}"
kv() { tr ';' '\n' <<<"$server" | awk -F= -v k="$1" 'tolower($1)==tolower(k) {print $2}'; }
pg_host="$(kv Host)"; pg_port="$(kv Port)"; pg_port="${pg_port:-5432}"; pg_user="$(kv Username)"
export PGPASSWORD="$(kv Password)"
url() { echo "postgresql://${pg_user}@${pg_host}:${pg_port}/$1"; }
port="${RESTORE_PORT:-18099}"
work="$(mktemp -d /tmp/salescoach-restore.XXXXXX)"
original="salescoach_backup_$$"; restored="salescoach_restored_$$"
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null || true
  for db in "$original" "$restored"; do psql "$(url postgres)" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production Database__Provider=Postgres
export Slack__SigningSecret=restore-secret Slack__BotToken=xoxb-restore Slack__AllowedTeamIds__0=T0OURS
export Slack__ApiBaseUrl="http://127.0.0.1:9/api/"   # nothing is sent; the slash command is answered in the ack
conn() { echo "Host=$pg_host;Port=$pg_port;Username=$pg_user;Password=$PGPASSWORD;Database=$1"; }

psql "$(url postgres)" -qc "CREATE DATABASE $original" >/dev/null
(cd "$work" && ConnectionStrings__SalesCoach="$(conn "$original")" Demo__Seed=true dotnet "$dll" nudge --dry-run >/dev/null 2>"$work/seed.log")
deals_before="$(psql "$(url "$original")" -Atc "SELECT count(*) FROM deals")"

pg_dump --format=custom --file="$work/salescoach.dump" "$(url "$original")"
psql "$(url postgres)" -qc "CREATE DATABASE $restored" >/dev/null
pg_restore --no-owner --dbname="$(url "$restored")" "$work/salescoach.dump"
deals_after="$(psql "$(url "$restored")" -Atc "SELECT count(*) FROM deals")"

(cd "$work" && ConnectionStrings__SalesCoach="$(conn "$restored")" exec dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/host.log" 2>&1) &
host_pid=$!
ready=""
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then ready=yes; break; fi
  sleep 0.5
done
[ -n "$ready" ] || { echo "restore: host on the restored database never became ready"; tail -n 20 "$work/host.log"; exit 1; }

body="command=%2Fcoach&text=what%27s+next+for+initech&user_id=U0DEMO&user_name=dana&team_id=T0OURS&channel_id=C0SALES&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fr&trigger_id=1.2.3"
ts="$(date +%s)"
sig="v0=$(printf 'v0:%s:%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$Slack__SigningSecret" -r | cut -d' ' -f1)"
answer="$(curl -fsS -X POST "http://127.0.0.1:$port/slack/commands" -H "Content-Type: application/x-www-form-urlencoded" \
  -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" --data "$body")"

text="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["text"].splitlines()[0][:80])' <<<"$answer")"
echo "restore: dumped $deals_before deals, restored $deals_after; the host on the restored copy answered: $text"
if [ "$deals_before" -gt 0 ] && [ "$deals_before" = "$deals_after" ] && grep -q "Initech" <<<"$text"; then
  echo "restore: ok"
else
  echo "restore: FAILED"; exit 1
fi
