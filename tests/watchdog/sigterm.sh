#!/bin/sh
# sigterm.sh QUIZKIOSK SRC WORK — `systemctl stop` (SIGTERM) ends a kiosk in
# full-screen lockdown at once and cleanly (status 0, the database closed
# with no -wal left), though lockdown ignores every close request a
# candidate could make. It used to wait for systemd's SIGKILL.
set -u
qk=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
fail() { echo "FAIL: $*"; cat "$work/err"; [ -n "${pid:-}" ] && kill -9 "$pid" 2>/dev/null; exit 1; }
"$qk" "$src/scripts/apps/cs_specialist" --headless --fullscreen --no-supervisor --watchdog 0 \
  --db "$work/results.db" >/dev/null 2>"$work/err" &
pid=$!
i=0
until grep -q "renderer" "$work/err" 2>/dev/null; do
  i=$((i + 1)); [ $i -le 1500 ] || fail "the kiosk did not start"; sleep 0.02
done
sleep 0.5
kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null; do
  i=$((i + 1)); [ $i -le 250 ] || fail "still running 5 s after SIGTERM"; sleep 0.02
done
wait "$pid"; status=$?
[ "$status" = 0 ] || fail "exit status $status"
grep -q "stop requested by a signal" "$work/err" || fail "the log does not say why it stopped"
[ ! -s "$work/results.db-wal" ] || fail "the database was not closed"
echo "sigterm: 1 passed, 0 failed"
