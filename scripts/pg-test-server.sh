#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for the store tests (and CI).
#
#   scripts/pg-test-server.sh install   # Debian: apt-get install postgresql (needs root)
#   eval "$(scripts/pg-test-server.sh start)"   # starts one, exports MARSAD_TEST_PG_URL
#   scripts/pg-test-server.sh url|status
#   scripts/pg-test-server.sh stop      # stops it and deletes its directory
#
# Environment:
#   MARSAD_PG_TEST_DIR      cluster directory (default ${TMPDIR:-/tmp}/marsad-pg-test); deleted by stop
#   MARSAD_PG_TEST_PORT     port (default: a free one)
#   MARSAD_PG_TEST_DURABLE  1 keeps fsync on (for timings); default off, the data is throwaway
#   PG_BIN                  directory of initdb/pg_ctl (default: newest /usr/lib/postgresql/*/bin)
#
# initdb refuses to run as root, so as root the cluster runs as the "postgres" system user
# (MARSAD_PG_TEST_USER to change). Authentication is "trust", on 127.0.0.1 and a socket in the
# cluster directory only: never point this at data you care about.
set -euo pipefail

DIR=${MARSAD_PG_TEST_DIR:-${TMPDIR:-/tmp}/marsad-pg-test}
RUN_USER=${MARSAD_PG_TEST_USER:-postgres}
DB_USER=marsad

say() { echo "pg-test-server: $*" >&2; }
die() { say "$*"; exit 1; }

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    [ -x "$PG_BIN/initdb" ] || die "PG_BIN=$PG_BIN has no initdb"
    echo "$PG_BIN"; return
  fi
  local b
  b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$b" ] && [ -x "$b/initdb" ]; then echo "$b"; return; fi
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  die "no PostgreSQL server binaries (initdb) found; run '$0 install' (Debian, as root) or set PG_BIN"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$RUN_USER" -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

running() {
  [ -f "$DIR/data/postmaster.pid" ] && as_owner "$(find_bin)/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

cmd_install() {
  if [ -n "$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null || true)" ]; then say "PostgreSQL already installed"; return; fi
  [ "$(id -u)" = 0 ] || die "install needs root (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
}

cmd_start() {
  local bin port url
  bin=$(find_bin)
  if running; then
    say "already running in $DIR"
    echo "export MARSAD_TEST_PG_URL=$(cat "$DIR/url")"
    return
  fi
  if [ "$(id -u)" = 0 ]; then
    id "$RUN_USER" >/dev/null 2>&1 || die "running as root needs the system user '$RUN_USER' (installed with postgresql) or MARSAD_PG_TEST_USER"
  fi
  rm -rf "$DIR/data"
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  [ "$(id -u)" = 0 ] && chown "$RUN_USER" "$DIR"
  port=${MARSAD_PG_TEST_PORT:-$(free_port)}
  as_owner "$bin/initdb" -D "$DIR/data" -U "$DB_USER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || as_owner "$bin/initdb" -D "$DIR/data" -U "$DB_USER" --auth=trust --encoding=UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${MARSAD_PG_TEST_DURABLE:-0}" = 1 ] && durability=""
  as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $DIR -c max_connections=200 $durability" start >&2 \
    || { cat "$DIR/server.log" >&2 || true; die "pg_ctl start failed"; }
  url="postgres://$DB_USER@127.0.0.1:$port/postgres"
  echo "$url" >"$DIR/url"
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $DIR"
  echo "export MARSAD_TEST_PG_URL=$url"
}

cmd_stop() {
  if [ -f "$DIR/data/postmaster.pid" ]; then
    as_owner "$(find_bin)/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || say "pg_ctl stop failed (continuing)"
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) [ -f "$DIR/url" ] && cat "$DIR/url" || die "no cluster in $DIR" ;;
  status) if running; then echo "running: $(cat "$DIR/url")"; else echo "not running"; exit 3; fi ;;
  *) die "usage: $0 install|start|stop|status|url" ;;
esac
