#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: initdb into DIR as an unprivileged user (the postgres account
# Debian's package makes, when run as root), Unix socket only (no TCP), trust for local connections
# (nothing but this machine's test processes can reach the socket), role "rececon".
# Usage: postgres_cluster.sh start DIR | stop DIR
# The tests connect with postgresql:///postgres?host=DIR&user=rececon (see tests/support/test_database.h).
set -euo pipefail
action=$1
dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "postgres_cluster: PostgreSQL is not installed (Debian package postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ -e "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    chmod 0755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U rececon --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    # Sized for a test run on a small machine: fsync off (a throwaway cluster), many short connections.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c unix_socket_permissions=0777 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres_cluster: running, socket in $dir"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null 2>&1 || true
    rm -rf "$dir"
    echo "postgres_cluster: stopped"
    ;;
  *) echo "usage: postgres_cluster.sh start|stop DIR" >&2; exit 64 ;;
esac
