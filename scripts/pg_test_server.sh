#!/usr/bin/env bash
# A throw-away PostgreSQL server for the bureau's tests and benchmark (no mock database).
#   eval "$(bash scripts/pg_test_server.sh start [--durable] [--owner-pid PID])"   # exports GXJN_TEST_PG_URL, GXJN_TEST_PG_DIR
#   bash scripts/pg_test_server.sh stop "$GXJN_TEST_PG_DIR"
# With --owner-pid the server is also stopped (and its folder removed) when that process ends, however
# it ends (kill -9 included): a watcher in its own session waits for it. Stopping twice is harmless.
# Installs Debian's postgresql when its binaries are missing (as root; no cluster is created or
# started by the package), runs initdb into a temporary folder as an unprivileged user, starts the
# server on a free port of 127.0.0.1 only, trust authentication for the user gxjn. Without
# --durable, fsync is off: tests create a database each and need no crash safety from the server.
set -euo pipefail

find_bin() {  # empty when PostgreSQL is not installed (no match must not end the script under pipefail)
  { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -n 1
}

as_owner() {  # run as the unprivileged owner of the server's folder
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

start() {
  local durable="" owner=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --durable) durable=1 ;;
      --owner-pid) owner=${2:?--owner-pid needs a process id}; shift ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
  done
  local bin
  bin=$(find_bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "缺少 PostgreSQL：请以管理员身份运行 apt-get install postgresql" >&2
      exit 1
    fi
    mkdir -p /etc/postgresql-common
    [ -f /etc/postgresql-common/createcluster.conf ] || echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    bin=$(find_bin)
  fi
  local dir port opts
  dir=$(mktemp -d /tmp/gxjn-pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown nobody "$dir"; fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  as_owner "$bin/initdb" -D "$dir/data" -U gxjn --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=50"
  if [ -z "$durable" ]; then opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$opts" start >&2 ||
    { cat "$dir/server.log" >&2; exit 1; }
  if [ -n "$owner" ]; then  # its own session: a signal to the owner's process group leaves it running
    setsid bash "${BASH_SOURCE[0]}" watch "$owner" "$dir" </dev/null >/dev/null 2>&1 &
  fi
  echo "export GXJN_TEST_PG_URL=postgresql+psycopg://gxjn@127.0.0.1:$port/postgres"
  echo "export GXJN_TEST_PG_DIR=$dir"
}

stop() {
  local dir=${1:?usage: pg_test_server.sh stop DIR}
  local bin
  bin=$(find_bin)
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  case "$dir" in /tmp/gxjn-pg.*) rm -rf "$dir" ;; esac
}

watch() {  # wait for the owner to end, however it ends, then stop the server
  local owner=${1:?} dir=${2:?}
  tail --pid="$owner" -f /dev/null 2>/dev/null || true
  stop "$dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  watch) shift; watch "$@" ;;
  *) echo "usage: $0 start [--durable] [--owner-pid PID] | stop DIR" >&2; exit 2 ;;
esac
