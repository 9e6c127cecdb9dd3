#!/usr/bin/env bash
# The reliability battery (issue 19; docs/deploy.md, "Several hosts"): nginx round robin in front of two hosts on one
# PostgreSQL, a fake Slack and Teams Bot Connector on loopback, then battery.py's four checks with their counts. Loopback only.
#   needs: nginx, python3, psql, openssl, a PostgreSQL server (SALESCOACH_TEST_POSTGRES, as tests/start-postgres.sh prints),
#          a built host (BATTERY_CONFIG=Release by default; built here when missing)
#   BATTERY_FAULT_SECONDS: how long the fake Slack and Teams answer half their calls with 500 (default 120; CI passes less)
set -euo pipefail
cd "$(dirname "$0")/../.."
config="${BATTERY_CONFIG:-Release}"
dll="src/SalesCoachBot.Host/bin/$config/net10.0/SalesCoachBot.Host.dll"
[ -f "$dll" ] || dotnet build src/SalesCoachBot.Host -c "$config" -v q >/dev/null
server="${SALESCOACH_TEST_POSTGRES:?set SALESCOACH_TEST_POSTGRES (bash tests/start-postgres.sh prints it)}"
for tool in nginx python3 psql openssl; do command -v "$tool" >/dev/null || { echo "battery: $tool is missing" >&2; exit 2; }; done

work="$(mktemp -d /tmp/salescoach-battery.XXXXXX)"
export BATTERY_NGINX_PORT="${BATTERY_NGINX_PORT:-18080}" BATTERY_PORT_A="${BATTERY_PORT_A:-18081}" \
       BATTERY_PORT_B="${BATTERY_PORT_B:-18082}" BATTERY_FAKE_PORT="${BATTERY_FAKE_PORT:-18090}"

# The battery's own database on the test server, dropped afterwards.
db="salescoach_battery_$$"
kv() { tr ';' '\n' <<<"$server" | awk -F= -v k="$1" 'tolower($1)==tolower(k) {print $2}'; }
pg_host="$(kv Host)"; pg_port="$(kv Port)"; pg_user="$(kv Username)"; pg_password="$(kv Password)"
export PGPASSWORD="$pg_password"
admin_url="postgresql://${pg_user}@${pg_host}:${pg_port:-5432}/postgres"
psql "$admin_url" -qc "CREATE DATABASE $db" >/dev/null
# Two hosts' pools together stay under the server's max_connections (100 by default; docs/deploy.md).
export BATTERY_CONNECTION="Host=$pg_host;Port=${pg_port:-5432};Username=$pg_user;Password=$pg_password;Database=$db;Maximum Pool Size=30"
export BATTERY_PSQL="postgresql://${pg_user}@${pg_host}:${pg_port:-5432}/$db"
export BATTERY_HOST_DLL="$PWD/$dll" BATTERY_WORK="$work"

cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log $work/nginx-access.log;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fcgi;
  uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  upstream salescoach {
    server 127.0.0.1:$BATTERY_PORT_A max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$BATTERY_PORT_B max_fails=1 fail_timeout=5s;
    keepalive 32;
  }
  server {
    listen 127.0.0.1:$BATTERY_NGINX_PORT;
    location / {
      proxy_pass http://salescoach;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
NGINX

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$admin_url" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  [ "${BATTERY_KEEP:-}" = "1" ] && echo "battery: logs kept in $work" || rm -rf "$work"
}
trap cleanup EXIT

python3 tests/battery/fake_chat.py "$BATTERY_FAKE_PORT" & pids+=($!)
nginx -c "$work/nginx.conf" -p "$work" & pids+=($!)
for _ in $(seq 1 50); do curl -s "http://127.0.0.1:$BATTERY_FAKE_PORT/_stats" >/dev/null && break; sleep 0.1; done

status=0
python3 tests/battery/battery.py || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- last lines of the host logs ---"
  grep -h -E "^(warn|fail|crit)" "$work"/host-*.log | cut -c1-300 | tail -n 20 || true
fi
exit "$status"
