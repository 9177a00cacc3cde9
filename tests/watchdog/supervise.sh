#!/bin/sh
# supervise.sh QUIZKIOSK SRC WORK — the kiosk's own supervisor (runtime/supervise.c)
# and the command line that turns it and the watchdog on and off:
#   * bad --watchdog values and --supervise with --no-supervisor are refused;
#   * an idle supervised kiosk (nothing to draw, a 2 s watchdog) is not ended
#     by its watchdog: its capped waits keep kicking;
#   * SIGTERM to the supervisor reaches the kiosk, which quits; the supervisor
#     then exits 0 and does not restart it;
#   * full screen, the kiosk is supervised unless systemd runs it
#     (NOTIFY_SOCKET) or --no-supervisor says no; a killed supervisor takes
#     its kiosk with it;
#   * a kiosk started with --restarted-after-crash runs its replay from the
#     command after restart-point (none: refused), and its scripts see
#     kiosk.config.restarted_after_crash;
#   * a kiosk that keeps dying at start-up is restarted after 1 s, then 2 s
#     (the pause doubles), and a stop signal during the pause ends it all.
set -u
qk=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
app=$src/tests/watchdog/apps/freeze
fail() { echo "FAIL: $*"; for f in "$work"/*.err; do echo "--- $f"; cat "$f"; done; exit 1; }
children() { cat /proc/"$1"/task/*/children 2>/dev/null | wc -w; }
# Waits (up to 60 s) until FILE holds PATTERN.
wait_for() {
  i=0
  while ! grep -q "$2" "$1" 2>/dev/null; do
    i=$((i + 1)); [ $i -le 600 ] || return 1; sleep 0.1
  done
}

for bad in "--watchdog -1" "--watchdog abc" "--watchdog 0.01" "--supervise --no-supervisor" "--restarted-after-crash x"; do
  # shellcheck disable=SC2086 # the words are the options
  "$qk" "$app" --headless --db "$work/bad.db" $bad >/dev/null 2>"$work/bad.err"
  [ $? = 2 ] || fail "'$bad' was not refused"
done

# A restarted kiosk's replay starts after restart-point: the first line
# would fail (the welcome screen shows 开始).
printf 'expect-not 开始\nrestart-point\nexpect 开始\n' > "$work/rp.replay"
"$qk" "$app" --headless --db "$work/rp.db" --replay "$work/rp.replay" --restarted-after-crash 1796000000000 \
  >/dev/null 2>"$work/rp.err" || fail "the restarted replay did not start after restart-point"
grep -q "restarted_after_crash=true" "$work/rp.err" || fail "kiosk.config.restarted_after_crash not set"
"$qk" "$app" --headless --db "$work/rp2.db" --replay "$work/rp.replay" >/dev/null 2>"$work/rp2.err" \
  && fail "a kiosk that was not restarted skipped to restart-point"
grep -q "restarted_after_crash=false" "$work/rp2.err" || fail "kiosk.config.restarted_after_crash set without a crash"
printf 'expect 开始\n' > "$work/norp.replay"
"$qk" "$app" --headless --db "$work/rp3.db" --replay "$work/norp.replay" --restarted-after-crash 1796000000000 \
  >/dev/null 2>"$work/rp3.err"
[ $? = 2 ] && grep -q "has no restart-point" "$work/rp3.err" || fail "a restarted replay without restart-point ran"

# Idle under a supervisor, then SIGTERM.
"$qk" "$app" --headless --db "$work/idle.db" --supervise --watchdog 2 2>"$work/idle.err" &
sup=$!
wait_for "$work/idle.err" "exam app started" || fail "the supervised kiosk did not start"
[ "$(children $sup)" = 1 ] || fail "the supervisor has no kiosk child"
kiosk=$(cat /proc/$sup/task/*/children)
sleep 6 # three watchdog timeouts with nothing to do
kill -0 "$kiosk" 2>/dev/null || fail "the idle kiosk died"
grep -q "watchdog:" "$work/idle.err" && fail "the watchdog ended an idle kiosk"
kill -TERM $sup
wait $sup
status=$?
[ $status = 0 ] || fail "after SIGTERM the supervisor exited $status"
kill -0 "$kiosk" 2>/dev/null && fail "the kiosk outlived its supervisor"
grep -q "restarting" "$work/idle.err" && fail "a kiosk that quit was restarted"

# Full screen: supervised by default; not under systemd or --no-supervisor.
"$qk" "$app" --headless --fullscreen --db "$work/fs.db" 2>"$work/fs.err" &
sup=$!
wait_for "$work/fs.err" "exam app started" || fail "the full-screen kiosk did not start"
[ "$(children $sup)" = 1 ] || fail "full screen without systemd: not supervised"
kiosk=$(cat /proc/$sup/task/*/children)
kill -KILL $sup
wait $sup 2>/dev/null
i=0
while kill -0 "$kiosk" 2>/dev/null; do i=$((i + 1)); [ $i -le 100 ] || fail "the kiosk outlived a killed supervisor"; sleep 0.1; done
for how in "NOTIFY_SOCKET=$work/no-such-socket" "--no-supervisor"; do
  case $how in
    NOTIFY_SOCKET=*) env "$how" "$qk" "$app" --headless --fullscreen --db "$work/fs2.db" 2>"$work/fs2.err" & ;;
    *) "$qk" "$app" --headless --fullscreen --db "$work/fs2.db" "$how" 2>"$work/fs2.err" & ;;
  esac
  pid=$!
  wait_for "$work/fs2.err" "exam app started" || fail "$how: the kiosk did not start"
  [ "$(children $pid)" = 0 ] || fail "$how: supervised all the same"
  kill -KILL $pid
  wait $pid 2>/dev/null
done

# Dying at start-up (here: no main.lua) again and again: 1 s, then 2 s.
mkdir -p "$work/empty"
"$qk" "$work/empty" --headless --db "$work/loop.db" --supervise 2>"$work/loop.err" &
sup=$!
wait_for "$work/loop.err" "restarting it in 2.0 s" || fail "the pause did not double"
grep -q "exited with status 1 after .* restarting it in 1.0 s" "$work/loop.err" || fail "the first pause is not 1 s"
kill -TERM $sup
wait $sup
status=$?
[ $status = 1 ] || fail "stopped during the pause: exit $status, not the kiosk's 1"
echo "supervise: all held"
