#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on a loopback port for the tests (Debian's postgresql package, installed if
# missing) and prints the connection string. Idempotent: a server already running on the port is reused.
#   usage: eng/postgres.sh [port]   ->   Host=127.0.0.1;Port=…;Username=headwater;Password=headwater;Database=headwater_test
set -euo pipefail
port=${1:-55432}
root=${HEADWATER_PG_ROOT:-/tmp/headwater-pg-$port}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "Installing PostgreSQL (Debian package postgresql)" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if ! as_pg "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  rm -rf "$root" && mkdir -p "$root"
  [ "$(id -u)" = 0 ] && chown postgres: "$root"
  as_pg "$bin/initdb" -D "$root/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  as_pg "$bin/pg_ctl" -D "$root/data" -l "$root/log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $root -F -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
fi
psql_pg() { as_pg psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtAc "$1"; }
[ "$(psql_pg "select 1 from pg_roles where rolname='headwater'")" = 1 ] || psql_pg "create role headwater login createdb password 'headwater'"
# Tests drop their databases with DROP DATABASE … WITH (FORCE), which must be allowed to end any session still on
# them, autovacuum's included.
[ "$(psql_pg "select pg_has_role('headwater', 'pg_signal_backend', 'member')")" = t ] || psql_pg "grant pg_signal_backend to headwater"
echo "Host=127.0.0.1;Port=$port;Username=headwater;Password=headwater;Database=headwater_test"
