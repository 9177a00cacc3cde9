#!/usr/bin/env bash
# publish.sh QUIZKIOSK SRC WORK — question sets from the centre (issue 12
# item 7) on the real kiosk: a trainer publishes a new version of the app a
# kiosk runs; the kiosk fetches it, checks it (starts it headless), and
# switches only between candidates — a candidate mid-exam finishes on the
# old version; a broken version is refused and `fleet status` says why while
# the kiosk keeps the good one; publishing the first version again rolls
# back. The replay's `hold` lines wait (real time) for this script.
set -euo pipefail
Q=$1 SRC=$2 WORK=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pg.sh"
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
kiosk_pid=
cleanup() { [ -n "$kiosk_pid" ] && kill -9 "$kiosk_pid" 2>/dev/null; pg_cleanup; }
trap cleanup EXIT
fails=0
check() { if [ "$2" = "$3" ]; then echo "ok: $1 ($2)"; else echo "FAIL: $1: got '$2', wanted '$3'"; fails=$((fails + 1)); fi; }
wait_for() { local until=$((SECONDS + $1)); shift; until "$@"; do [ $SECONDS -lt $until ] || return 1; sleep 0.2; done; }

pg_setup
pg_start
"$Q" fleet init --pg "$PG_URL" >/dev/null
pg_sql "CREATE ROLE kiosk LOGIN IN ROLE fleet_kiosk; CREATE ROLE trainer LOGIN IN ROLE fleet_trainer"
K="postgresql:///postgres?host=$PGDIR&port=$PGPORT&user=kiosk"
T="postgresql:///postgres?host=$PGDIR&port=$PGPORT&user=trainer"

# Three versions of one app (the README's practice quiz): v1 as the kiosk
# has it, v2 with a new welcome line, v3 broken (a syntax error).
mkdir -p v1 v2 v3 kiosk
cp -r "$SRC/tests/flows/apps/practice" v1/quizapp
cp -r v1/quizapp v2/quizapp
sed -i 's/三道题，五分钟/新版题目 v2/' v2/quizapp/main.lua
cp -r v2/quizapp v3/quizapp
echo 'this is not lua (' >>v3/quizapp/main.lua
# Checked versions the kiosk holds (a folder per content; ".part" while checking).
ready() { ls -d kiosk/bundles/quizapp/*/quizapp 2>/dev/null | grep -vc '\.part/'; }
ready_at_least() { [ "$(ready)" -ge "$1" ]; }

cat >kiosk.replay <<REPLAY
expect 三道题，五分钟
tap 开始
tap A
tap 确认答案
tap 下一题
expect 灭火器使用口诀包括哪些？
hold $WORK/go1
# v2 is ready, the kiosk has been quiet for a minute, but a candidate is mid-exam
wait 61000
expect 灭火器使用口诀包括哪些？
tap A
tap B
drag 640,600 640,300 300
tap C
tap D
tap 确认答案
tap 下一题
tap B
tap 确认答案
tap 下一题
tap 4
tap 检查答案
tap 交卷
tap 交卷
expect 通过
# between candidates: v2 now
wait 61000
expect 新版题目 v2
hold $WORK/go2
# v3 is broken: refused, v2 stays
wait 61000
expect 新版题目 v2
hold $WORK/go3
# v1 published again: the rollback
wait 61000
expect 三道题，五分钟
REPLAY

"$Q" publish v1/quizapp --pg "$T" | tee pub1.out
check "publishing the same content again is a no-op" "$("$Q" publish v1/quizapp --pg "$T" | grep -c unchanged)" "1"
QUIZKIOSK_WALL_START_MS=1795000000000 "$Q" kiosk/../v1/quizapp --headless --window 1280x800 --db kiosk/results.db \
  --kiosk-id kiosk-P --sync "$K" --replay kiosk.replay --shots shots >kiosk.out 2>&1 &
kiosk_pid=$!
# The kiosk pulls v1 (already what it runs) at once; then v2 is published.
wait_for 60 grep -q "hold: waiting for $WORK/go1" kiosk.out || { echo "FAIL: the replay never reached go1"; cat kiosk.out; exit 1; }
wait_for 60 ready_at_least 1 || { echo "FAIL: v1 never pulled"; fails=$((fails + 1)); }
"$Q" publish v2/quizapp --pg "$T" | tee pub2.out
wait_for 90 ready_at_least 2 || { echo "FAIL: v2 never pulled"; fails=$((fails + 1)); }
touch go1
wait_for 120 grep -q "hold: waiting for $WORK/go2" kiosk.out || { echo "FAIL: the replay never reached go2"; cat kiosk.out; exit 1; }
check "v2 runs: fleet status" "$(wait_for 60 sh -c "psql -X -At -c \"SELECT bundle FROM fleet.kiosks\" | grep -q 'quizapp v2'" && echo yes)" "yes"
"$Q" publish v3/quizapp --pg "$T" | tee pub3.out
wait_for 90 sh -c "psql -X -At -c \"SELECT bundle_error FROM fleet.kiosks\" | grep -q 'v3 refused'" \
  || { echo "FAIL: v3 not reported refused"; fails=$((fails + 1)); }
echo "refused: $(pg_sql 'SELECT bundle_error FROM fleet.kiosks')"
"$Q" fleet status --pg "$PG_URL" | tee status.txt
grep -q "REFUSED: v3 refused" status.txt && echo "ok: fleet status shows the refusal" || { echo "FAIL: fleet status"; fails=$((fails + 1)); }
check "no folder for the broken version" "$(ready)" "2"
touch go2
wait_for 120 grep -q "hold: waiting for $WORK/go3" kiosk.out || { echo "FAIL: the replay never reached go3"; cat kiosk.out; exit 1; }
"$Q" publish v1/quizapp --pg "$T" | tee pub4.out
check "the rollback is version 4" "$(grep -c 'version 4' pub4.out)" "1"
wait_for 60 sh -c "psql -X -At -c \"SELECT bundle FROM fleet.kiosks\" | grep -q 'quizapp v4'" || true
touch go3
if wait "$kiosk_pid"; then echo "ok: the kiosk's replay held throughout"; else
  echo "FAIL: the kiosk's replay"; tail -5 kiosk.out; fails=$((fails + 1)); fi
kiosk_pid=
check "the rollback runs: fleet status" "$(pg_sql "SELECT bundle FROM fleet.kiosks" | cut -d' ' -f1-2)" "quizapp v4"
check "the mid-exam candidate finished on v1" "$(sqlite3 kiosk/results.db "SELECT status FROM sessions")" "completed"
echo "$fails failure(s)"
[ $fails -eq 0 ]
