#!/bin/sh
# faults.sh QUIZKIOSK SRC WORK FAULTFS_SO — storage that fails mid-exam.
# The specialist exam is driven by replay; after question 3 the replay
# holds (a `hold` rendezvous) while this script breaks the storage: a full
# disk, EIO on write and on fsync, a 30-second lock held by another
# process, the database moved away. The next answer's tap then cannot be
# saved, and each time:
#   * the kiosk shows "results cannot be saved — call staff", never a
#     script error and never the next question;
#   * what was saved before is all there, whole (integrity_check, 3 answers);
#   * when the storage works again, the same candidate goes on at the same
#     question without being asked again, and the rest of the replay
#     finishes the exam with 29 / 29 — every answer stored once.
# Also: a whole exam (and a trade-fair game) on storage whose every fsync
# takes 200 ms completes, its answers all stored.
set -u
qk=$1 src=$2 work=$3 faultfs=$4
rm -rf "$work" && mkdir -p "$work" || exit 1
app=$src/scripts/apps/cs_specialist
full=$src/tests/flows/specialist_correct.replay
passed=0
pid=
fail() {
  echo "FAIL ($case): $*"
  [ -f "$work/$case/err" ] && tail -5 "$work/$case/err"
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  exit 1
}
q() { sqlite3 "$1" "$2"; }
# The file moved away: read it as it is on disk (the kiosk folded its WAL
# into it), making no -wal of our own beside it.
qro() { sqlite3 "file:$1?immutable=1" "$2"; }
# The kiosk under the shim (the ASan build needs libasan first in the list:
# it tolerates the shim before it only with verify_asan_link_order=0).
kiosk() {
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" LD_PRELOAD=$faultfs FAULTFS_MATCH=results.db "$qk" "$@"
}
# Waits (at most 60 s) until the kiosk's output shows it holds at $1.
wait_hold() {
  i=0
  while ! grep -q "hold: waiting for $1" "$d/out" 2>/dev/null; do
    i=$((i + 1))
    [ $i -le 3000 ] || fail "the replay never reached $1"
    kill -0 "$pid" 2>/dev/null || fail "the kiosk ended before $1"
    sleep 0.02
  done
}

# The replay: up to question 4, hold; tap the answer that cannot be saved;
# hold; then let storage come back and finish the exam.
head -n 18 "$full" > "$work/before.replay"
tail -n +19 "$full" > "$work/after.replay"

# run_case NAME BREAK REPAIR [DB_TO_CHECK]
run_case() {
  case=$1 break_it=$2 repair=$3
  d=$work/$case
  mkdir -p "$d"
  db=$d/results.db
  {
    cat "$work/before.replay"
    echo "expect 第 4 题 / 共 13 题"
    echo "hold $d/go1"
    echo "tap D"
    echo "expect-not ✓ 已保存"
    echo "expect 无法保存结果"
    echo "expect 请联系工作人员"
    echo "expect-not 脚本出错"
    echo "expect-not 第 5 题 / 共 13 题"
    echo "shot cannot_save"
    echo "hold $d/go2"
    echo "wait 6000"
    echo "expect-not 无法保存结果"
    echo "expect-not 继续上次的测试？"
    echo "expect 第 4 题 / 共 13 题"
    echo "tap D"
    echo "expect ✓ 已保存"
    cat "$work/after.replay"
  } > "$d/exam.replay"
  FAULTFS_FAIL_FILE=$d/ctl QUIZKIOSK_WALL_START_MS=1795000000000 kiosk "$app" --headless --window 1280x800 \
    --db "$db" --replay "$d/exam.replay" --shots "$d/shots" >"$d/out" 2>"$d/err" &
  pid=$!
  wait_hold "$d/go1"
  $break_it
  touch "$d/go1"
  wait_hold "$d/go2"
  # While it fails: what was saved is whole, and nothing of the failed tap.
  read=q check=$db
  [ -f "$d/moved.db" ] && read=qro check=$d/moved.db
  [ "$($read "$check" 'PRAGMA integrity_check')" = ok ] || fail "integrity while failing"
  [ "$($read "$check" 'SELECT count(*) FROM answers')" = 3 ] || fail "answers while failing: $($read "$check" 'SELECT count(*) FROM answers')"
  $repair
  touch "$d/go2"
  wait "$pid" || fail "the replay failed: $(grep -v '^quizkiosk: ' "$d/err" | tail -3)"
  [ "$(q "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity at the end"
  [ "$(q "$db" 'SELECT status, score, (SELECT count(*) FROM answers) FROM sessions')" = "completed|29.0|13" ] \
    || fail "not completed with 29/29 and 13 answers: $(q "$db" 'SELECT status, score FROM sessions')"
  [ "$(q "$db" "SELECT count(*) FROM events WHERE kind = 'answer'")" -ge 13 ] || fail "answer events"
  grep -q "results cannot be saved" "$d/err" || fail "the log does not say why"
  echo "ok   $case"
  passed=$((passed + 1))
}

full_disk() { echo ENOSPC > "$d/ctl"; }
io_error() { echo EIO > "$d/ctl"; }
storage_back() { rm -f "$d/ctl"; }
# Another program holds the write lock for 30 s (longer than any wait the
# kiosk allows itself); it lets go on its own.
lock_30s() {
  (printf 'BEGIN EXCLUSIVE;\nINSERT INTO settings(key, value) VALUES(%s, %s);\n' "'faults.lock'" "'held'"; sleep 30; echo 'ROLLBACK;') \
    | sqlite3 "$db" >/dev/null 2>&1 &
  holder=$!
  sleep 1
}
lock_gone() { wait "$holder"; }
move_away() { mv "$db" "$d/moved.db"; }
move_back() { mv "$d/moved.db" "$db"; }

run_case full_disk full_disk storage_back
run_case eio io_error storage_back
run_case lock lock_30s lock_gone
run_case moved move_away move_back

# Cheap flash: every fsync takes 200 ms. A whole exam and a trade-fair game
# complete (the per-call script limit counts the script's own work only).
case=slow_fsync
d=$work/$case
mkdir -p "$d"
FAULTFS_FSYNC_DELAY_MS=200 QUIZKIOSK_WALL_START_MS=1795000000000 kiosk "$app" --headless --window 1280x800 \
  --db "$d/results.db" --replay "$full" --shots "$d/shots" >"$d/out" 2>"$d/err" || fail "specialist exam on slow storage"
[ "$(q "$d/results.db" 'SELECT status, score, (SELECT count(*) FROM answers) FROM sessions')" = "completed|29.0|13" ] \
  || fail "specialist result on slow storage"
mkdir -p "$d/fair"
FAULTFS_FSYNC_DELAY_MS=200 QUIZKIOSK_WALL_START_MS=1795000000000 kiosk "$src/scripts/apps/trade_fair" --headless \
  --window 1280x800 --db "$d/fair/results.db" --replay "$src/tests/flows/fair_correct.replay" --shots "$d/shots" \
  >"$d/out" 2>"$d/err" || fail "trade fair on slow storage"
[ "$(q "$d/fair/results.db" 'SELECT status, score FROM sessions')" = "completed|5995.0" ] || fail "trade fair result on slow storage"
echo "ok   $case"
passed=$((passed + 1))
echo "storage faults: $passed passed, 0 failed"
