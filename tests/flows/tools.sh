#!/bin/sh
# tools.sh QUIZKIOSK SRC WORK — rescore and replay-session on a real session:
# a candidate takes the specialist test (16/29, not passed); a trainer fixes
# question s6's key to the answer the candidate gave; rescore shows and
# writes the change (18/29, passed) with an audit record, and a second run
# finds nothing to change; replay-session re-plays the session headless,
# and re-plays an interview with the interviewer's rubric points kept.
set -u
qk=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work/apps" || exit 1
db=$work/results.db
fail() { echo "FAIL: $*"; exit 1; }

"$qk" "$src/scripts/apps/cs_specialist" --headless --window 1280x800 --db "$db" \
  --replay "$src/tests/flows/specialist_mix.replay" --shots "$work/exam-shots" >/dev/null 2>&1 || fail "the exam replay failed"
[ "$(sqlite3 "$db" 'SELECT score, passed FROM sessions')" = "16.0|0" ] || fail "unexpected starting score"

# The trainer's fix, in a copy of the app (same folder name: same app).
cp -R "$src/scripts/apps/cs_specialist" "$work/apps/" || exit 1
sed -i '/id = "s6"/,/answer = "C"/s/answer = "C"/answer = "A"/' "$work/apps/cs_specialist/questions.lua"
grep -q 'answer = "A"' "$work/apps/cs_specialist/questions.lua" || fail "could not edit the key"

out=$("$qk" rescore --db "$db" "$work/apps/cs_specialist" --dry-run 2>/dev/null) || fail "rescore --dry-run failed"
echo "$out"
echo "$out" | grep -q "16/29 -> 18/29, not passed -> passed" || fail "dry run does not show the change"
echo "$out" | grep -q "s6: 0 -> 2" || fail "dry run does not show the question"
[ "$(sqlite3 "$db" 'SELECT score FROM sessions')" = "16.0" ] || fail "dry run wrote"

out=$("$qk" rescore --db "$db" "$work/apps/cs_specialist" 2>/dev/null) || fail "rescore failed"
echo "$out"
[ "$(sqlite3 "$db" 'SELECT score, passed FROM sessions')" = "18.0|1" ] || fail "rescore did not write"
[ "$(sqlite3 "$db" "SELECT points FROM answers WHERE question = 's6'")" = "2.0" ] || fail "answer points"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM score_changes')" = "2" ] || fail "no audit record"
out=$("$qk" rescore --db "$db" "$work/apps/cs_specialist" 2>/dev/null) || fail "second rescore failed"
echo "$out" | grep -q "1 scored session(s) of cs_specialist, 0 changed" || fail "second rescore changed again"

# replay-session: pictures of every step, the score recomputed.
out=$("$qk" replay-session --db "$db" 1 "$work/apps/cs_specialist" --shots "$work/shots" 2>/dev/null) \
  || fail "replay-session failed"
echo "$out"
echo "$out" | grep -q "replayed score 18/29 (stored 18/29, completed)" || fail "replayed score"
[ -f "$work/shots/001_welcome.png" ] || fail "no welcome picture"
n=$(ls "$work/shots" | grep -c '_q') ; [ "$n" -ge 13 ] || fail "only $n question pictures"
ls "$work/shots" | grep -q "_result.png" || fail "no result picture"
"$qk" replay-session --db "$db" 99 "$work/apps/cs_specialist" --shots "$work/shots2" 2>/dev/null \
  && fail "an unknown session must fail"
"$qk" rescore --db "$work/missing.db" "$work/apps/cs_specialist" 2>/dev/null && fail "a missing database must fail"
# An interview: replay-session keeps the interviewer's rubric points.
"$qk" set-pin --db "$work/interview.db" 2468 >/dev/null || fail "set-pin failed"
"$qk" "$src/scripts/apps/cs_manager" --headless --window 1280x800 --db "$work/interview.db" \
  --replay "$src/tests/flows/manager_mix.replay" --shots "$work/interview-shots" >/dev/null 2>&1 \
  || fail "the interview replay failed"
out=$("$qk" replay-session --db "$work/interview.db" 1 "$src/scripts/apps/cs_manager" --shots "$work/shots3" 2>/dev/null) \
  || fail "replay-session of the interview failed"
echo "$out"
echo "$out" | grep -q "replayed score 53/95 (stored 53/95, completed)" || fail "interview replayed score"
echo "tools: all held"
