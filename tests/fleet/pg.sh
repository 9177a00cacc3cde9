# pg.sh — sourced by the fleet tests: a throwaway PostgreSQL 15 in a temp
# folder, listening only on a unix socket there, run as an unprivileged
# user when the test runs as root (PostgreSQL refuses root), and always
# stopped (pg_cleanup from the caller's EXIT trap).
#   pg_setup            makes the cluster (initdb, trust on the socket) and sets
#                       PGDIR, PGHOST, PGPORT, PG_URL (superuser "fleet_admin")
#   pg_start / pg_stop / pg_restart
#   pg_sql SQL          runs SQL as fleet_admin, unaligned tuples-only output
#   pg_cleanup          stops the server and removes the folder
# Needs /usr/lib/postgresql/15/bin (Debian's postgresql-15; .ci/setup test
# installs it). A test that cannot find it fails rather than skips unless
# QK_FLEET_ALLOW_SKIP=1, so CI never passes a fleet test that did not run.

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PG_AS=()

pg_require() {
  if [ ! -x "$PGBIN/initdb" ] || ! command -v psql >/dev/null; then
    if [ "${QK_FLEET_ALLOW_SKIP:-0}" = 1 ]; then
      echo "SKIP: PostgreSQL 15 is not installed ($PGBIN/initdb)"; exit 77
    fi
    echo "FAIL: PostgreSQL 15 is needed (apt-get install postgresql-15, or .ci/setup test)" >&2; exit 1
  fi
}

pg_setup() {
  pg_require
  PGDIR=$(mktemp -d /tmp/qk-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    chown nobody "$PGDIR"
    PG_AS=(runuser -u nobody --)
  fi
  export PGHOST=$PGDIR PGPORT=54329 PGUSER=fleet_admin PGDATABASE=postgres
  PG_URL="postgresql:///postgres?host=$PGDIR&port=$PGPORT&user=fleet_admin"
  (cd "$PGDIR" && "${PG_AS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U fleet_admin --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$PGDIR/initdb.log" 2>&1) || { cat "$PGDIR/initdb.log" >&2; return 1; }
  cat >>"$PGDIR/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$PGDIR'
port = $PGPORT
fsync = on
max_connections = 40
CONF
}

# pg_ctl runs from $PGDIR: the unprivileged user may not enter the caller's folder.
pg_start() {
  (cd "$PGDIR" && "${PG_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 start >/dev/null)
}

pg_stop() {
  (cd "$PGDIR" && "${PG_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w -t 60 stop >/dev/null)
}

pg_restart() {
  (cd "$PGDIR" && "${PG_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -m fast -w -t 60 restart >/dev/null)
}

pg_sql() {
  psql -X -q -v ON_ERROR_STOP=1 -At -c "$1"
}

pg_cleanup() {
  if [ -n "${PGDIR:-}" ] && [ -d "$PGDIR" ]; then
    [ -f "$PGDIR/data/postmaster.pid" ] && (cd "$PGDIR" && "${PG_AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1)
    rm -rf "$PGDIR"
  fi
}
