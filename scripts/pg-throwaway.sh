#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the test suite and print its URL on stdout.
# Usage: scripts/pg-throwaway.sh start DIR   → prints postgres://… ; scripts/pg-throwaway.sh stop DIR
# initdb refuses to run as root, so as root the server runs as the `postgres` user in a folder it owns.
set -euo pipefail
action=${1:?start|stop}
dir=${2:?directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 3; }
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
    run "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1
    run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    run "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -c 'CREATE DATABASE tiengdan_test' >/dev/null
    run "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d tiengdan_test -q -c 'CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm;' >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/tiengdan_test"
    ;;
  stop)
    [ -d "$dir/data" ] && run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
