#!/bin/sh
# big_bank_test.sh QUIZKIOSK WORK [KIOSK_ARGS] — issue 11 item 4: a bank of 100,000
# questions in 40 parts (exam.part), loaded by the real kiosk headless with
# the default limits (250 ms of CPU per call, 256 MiB), starts a session and
# shows the first question, twice in one database (the first session writes
# the set's option texts to the store, the second finds them there), once
# with all 100,000 on the paper and once with a paper of 200 drawn from it.
# The option texts are recorded in the background after the first question
# shows: between the runs the test takes away the list's completeness mark
# and part of its rows (what a crash halfway through leaves), and the second
# session, which answers its first question, must complete the list before
# the answer is stored. Functional only: how long it takes is bench/banks'
# job. KIOSK_ARGS: the sanitizer build's (tests.cmake), whose calls run
# several times slower.
set -u
qk=$1 work=$2 extra=${3:-}
rm -rf "$work" && mkdir -p "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
gen=$(dirname "$0")/../../bench/banks/make_bank.py
python3 "$gen" 100000 "$work/full" --parts 40 >/dev/null || exit 1
python3 "$gen" 100000 "$work/drawn" --parts 40 --draw 5 >/dev/null || exit 1
# Session 1 is left open when the replay ends (the process exits), so the
# second run is offered to resume it: "not my test" closes it as
# interrupted and restarts the app (a new VM loads the bank again), then
# the second session starts.
for bank in full drawn; do
  n=100000; [ $bank = drawn ] && n=200
  printf 'wait 8000\ntap 开始\nexpect 第 1 题 / 共 %s 题\n' $n > "$work/$bank.1.replay"
  printf 'wait 8000\ntap 不是我的测试\nwait 8000\ntap 开始\nexpect 第 1 题 / 共 %s 题\ntap B\ntap 下一题\nexpect 第 2 题\n' \
    $n > "$work/$bank.2.replay"
  for run in 1 2; do
    # shellcheck disable=SC2086 # extra: words
    "$qk" "$work/$bank" $extra --headless --window 1280x800 --db "$work/$bank.db" --replay "$work/$bank.$run.replay" \
      >"$work/$bank.$run.out" 2>&1 || { tail -20 "$work/$bank.$run.out"; fail "$bank bank, session $run: no first question"; }
    [ $run = 1 ] || continue
    # A crash halfway through the option texts: no mark, rows from q5 on gone.
    python3 - "$work/$bank.db" <<'EOF' || fail "$bank: could not cut the option texts short"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM exam_questions WHERE question = '' OR question >= 'q5'")
db.commit()
EOF
  done
  # Session 2 completed the version's list (every question of the set, drawn
  # or not, and the mark) before it stored its answer.
  got=$(python3 - "$work/$bank.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows, marks, texts = db.execute("SELECT count(*), sum(question = ''), sum(options LIKE '%全程负责到底%') "
                                "FROM exam_questions").fetchone()
answers = db.execute("SELECT count(*) FROM answers WHERE session_id = 2").fetchone()[0]
print(rows, marks, texts, answers)
EOF
)
  [ "$got" = "100001 1 100000 1" ] || fail "$bank: option texts and answer (rows, marks, texts, answers): $got"
  # Both sessions are in the database, the first closed as interrupted.
  "$qk" stats --db "$work/$bank.db" >"$work/$bank.stats" 2>&1 || { cat "$work/$bank.stats"; fail "$bank: stats"; }
  grep -q '^all time: 2 started: .* 1 interrupted, 1 in progress' "$work/$bank.stats" ||
    { cat "$work/$bank.stats"; fail "$bank: not the two sessions expected"; }
done
echo "big bank: all held"
