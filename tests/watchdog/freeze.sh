#!/bin/sh
# freeze.sh QUIZKIOSK SRC WORK KIND PATH — a freeze mid-exam ends in a
# restart and the same candidate's exam resumes on the same question.
#
# The exam (tests/watchdog/apps/freeze, five questions) runs headless from a
# replay under the kiosk's own supervisor (--supervise) with a 3 s watchdog.
# Two questions are answered; on question 3 the kiosk freezes (KIND):
#   hang        the replay's `hang`: the main loop blocks in C for good
#   crash       the replay's `crash`: SIGKILL, as a segfault or the OOM killer
#   F6 .. F11   a key the app turns into one of issue 9's freezes (main.lua)
#   F4          no freeze: a script error, the kiosk's in-process recovery
# Then, after the replay's restart-point, the same candidate goes straight on
# (no resume offer, no proof asked) at question 3 with both answers kept,
# and the exam finishes 5/5.
# PATH says how the freeze must end:
#   watchdog    the watchdog ended the child and the supervisor restarted it
#   signal      the child was killed by a signal and the supervisor restarted it
#   in-process  the error screen and a fresh VM in the same process
#   either      the watchdog, or the in-process limit (error screen, fresh VM
#               in the same process)
# Issue 9's four freezes (F6-F11) are all caught in-process now, before they
# can freeze anything: the pattern guard, no __gc from scripts, the image
# header bound, the text bound. `hang` stands for whatever C still blocks.
# The run has a hard time limit (well under ctest's) so a freeze that nothing
# ends fails the test instead of hanging it. The times from the freeze to the
# restarted kiosk and to the end of the exam are printed (figures only).
set -u
qk=$1 src=$2 work=$3 kind=$4 path=$5
rm -rf "$work" && mkdir -p "$work" || exit 1
fail() { echo "FAIL ($kind): $*"; echo "--- stderr"; cat "$work/stderr"; exit 1; }

cp -r "$src/tests/watchdog/apps/freeze" "$work/app" || exit 1
if [ "$kind" = F10 ]; then python3 "$src/tests/watchdog/huge_png.py" "$work/app/huge.png" || exit 1; fi
case $kind in
  hang|crash) freeze="key F12
$kind" ;; # F12 only logs: the time of the freeze
  F*) freeze="key $kind" ;;
  *) echo "unknown kind $kind"; exit 2 ;;
esac

cat > "$work/freeze.replay" <<EOF
tap 开始
expect 第 1 题 / 共 5 题
tap A
tap 下一题
tap A
tap 下一题
expect 第 3 题 / 共 5 题
$freeze
restart-point
# A restarted kiosk starts here; one that caught the freeze itself shows its
# error screen, which gives way to a fresh VM within 9 s (virtual). Either
# way the same candidate goes straight on: no resume offer, no proof asked.
wait 9000
expect-not 继续上次的测试？
expect 第 3 题 / 共 5 题
tap A
tap 下一题
tap A
tap 下一题
tap A
tap 检查答案
tap 交卷
tap 交卷
expect 5 / 5 分
EOF

# Each stderr line stamped with the time it was read (ms), for the figures.
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date +%s%3N)" "$line"; done; }
start=$(date +%s%3N)
{ timeout -s KILL 120 "$qk" "$work/app" --headless --window 1280x800 --db "$work/exam.db" \
    --replay "$work/freeze.replay" --supervise --watchdog 3 2>&1 >"$work/stdout"; echo "exit $?"; } | stamp > "$work/stderr"
status=$(tail -n 1 "$work/stderr" | cut -d' ' -f3)
[ "$status" = 137 ] && fail "still frozen after 120 s: killed by the test's own time limit"
[ "$status" = 0 ] || fail "exit status $status"
grep -q "all held" "$work/stdout" || fail "the replay did not finish"

by_watchdog=$(grep -c "watchdog: the main loop has not come round" "$work/stderr")
by_signal=$(grep -c "supervisor: the kiosk (pid [0-9]*) was killed by signal 9" "$work/stderr")
restarts=$(grep -c "supervisor: .* restarting it in" "$work/stderr")
in_process=$(grep -c "script error:" "$work/stderr")
case $path in
  watchdog) [ "$by_watchdog" = 1 ] && [ "$restarts" = 1 ] || fail "not one watchdog end and one restart" ;;
  signal) [ "$by_signal" = 1 ] && [ "$restarts" = 1 ] || fail "not one kill and one restart" ;;
  in-process) [ "$in_process" -ge 1 ] && [ "$restarts" = 0 ] || fail "not the in-process recovery" ;;
  either) { [ "$by_watchdog" = 1 ] && [ "$restarts" = 1 ]; } || { [ "$in_process" -ge 1 ] && [ "$restarts" = 0 ]; } \
            || fail "neither a watchdog restart nor the in-process limit" ;;
esac
# The restarted kiosk was told so; the first one was not.
if [ "$restarts" = 1 ]; then
  grep -q "exam app started, restarted_after_crash=false" "$work/stderr" || fail "no first start"
  grep -q "exam app started, restarted_after_crash=true" "$work/stderr" \
    || fail "the restarted kiosk did not see kiosk.config.restarted_after_crash"
  grep -q "warn: started again: the previous kiosk froze or crashed" "$work/stderr" || fail "no restart line in the log"
fi

# One session, resumed (not a new one), both early answers kept, finished 5/5.
db=$work/exam.db
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
[ "$(sqlite3 "$db" 'SELECT count(*), status, score FROM sessions')" = "1|completed|5.0" ] \
  || fail "sessions: $(sqlite3 "$db" 'SELECT id, status, score FROM sessions')"
[ "$(sqlite3 "$db" "SELECT count(*) FROM events WHERE kind = 'resumed'")" = 1 ] || fail "the session was not resumed"
[ "$(sqlite3 "$db" "SELECT group_concat(question || '=' || response) FROM (SELECT * FROM answers ORDER BY question)")" \
  = 'q1="A",q2="A",q3="A",q4="A",q5="A"' ] || fail "answers: $(sqlite3 "$db" 'SELECT question, response FROM answers')"

# Figures: from the freeze to the restarted kiosk's first VM and to the end.
t_freeze=$(grep -m1 "freezing the kiosk" "$work/stderr" | cut -d' ' -f1)
t_back=$(grep "exam app started" "$work/stderr" | sed -n 2p | cut -d' ' -f1)
t_end=$(tail -n 1 "$work/stderr" | cut -d' ' -f1)
how=in-process
[ "$by_watchdog" = 1 ] && how=watchdog
[ "$by_signal" = 1 ] && how=signal
[ "$kind" = F4 ] && { echo "script error $kind: recovered in-process, the exam resumed"; exit 0; }
echo "freeze $kind: ended by $how; exam back $((t_back - t_freeze)) ms after the freeze," \
     "finished $((t_end - t_freeze)) ms after it (whole run $((t_end - start)) ms)"
exit 0
