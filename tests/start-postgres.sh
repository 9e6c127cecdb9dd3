#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1:5432 with trust auth (for tests and CI),
# idempotently, and prints the connection string for SALESCOACH_TEST_POSTGRES.
set -euo pipefail

PGDATA_DIR="${PGDATA_DIR:-/tmp/pgdata}"
PGPORT="${PGPORT:-5432}"
PGLOG="${PGLOG:-/tmp/pg.log}"

as_postgres() {
  if [ "$(id -un)" = "postgres" ]; then bash -c "$1"; else su postgres -c "$1"; fi
}

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "installing postgresql..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
fi

if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
  mkdir -p "$PGDATA_DIR"
  chown postgres "$PGDATA_DIR"
  as_postgres "$bindir/initdb -D '$PGDATA_DIR' -A trust -U postgres" >&2
fi

if ! as_postgres "$bindir/pg_ctl -D '$PGDATA_DIR' status" >/dev/null 2>&1; then
  as_postgres "$bindir/pg_ctl -D '$PGDATA_DIR' -o \"-p $PGPORT -k /tmp -h 127.0.0.1\" -l '$PGLOG' -w start" >&2
fi

for _ in $(seq 1 30); do
  if "$bindir/pg_isready" -h 127.0.0.1 -p "$PGPORT" >/dev/null 2>&1; then break; fi
  sleep 1
done
"$bindir/pg_isready" -h 127.0.0.1 -p "$PGPORT" >&2

echo "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
