#!/usr/bin/env bash
# powercut.sh QUIZKIOSK SHIM SRC WORK KILLS [SEED] — power cuts during every
# bundled exam. Each exam (cs_specialist, cs_manager, trade_fair) is driven
# by its all-correct replay from tests/flows, and killed with SIGKILL, the
# kills shared out between the exams and two ways of cutting:
#   * at a random moment: the replay runs as fast as it can, and after a
#     random real-time delay (up to the length of a whole run) kill -9;
#   * at the N-th write call: the faultfs shim (SHIM, LD_PRELOAD) kills the
#     process at a random write/pwrite/fsync/fdatasync/ftruncate of the
#     database, its -wal or -journal (FAULTFS_KILL_AT=N).
# Both are drawn from SEED (printed; pass it again to repeat a run: the write
# call kills repeat exactly, the moments as closely as real time allows).
# After every kill:
#   * PRAGMA integrity_check is ok;
#   * the answers stored are the first answers of an uncut run, each with the
#     same response and points (none half-written, none changed, no gap);
#   * no answer is lost: a kill later in the run (more write calls made,
#     FAULTFS_COUNT_FILE) never keeps fewer answers than an earlier one;
#   * the sessions are those of the uncut run so far (count and order);
#   * a restart just after the last activity offers to resume the unfinished
#     session and takes it up (resume_steps), answers unchanged;
#   * a restart after the resume window marks it interrupted, answers kept.
# Every run has its own wall clock (QUIZKIOSK_WALL_START_MS). It goes on
# after a failure and ends with a summary line:
#   powercut: K kills (seed S): L lost, F other failures
# (L = kills after which an answer was missing or different). Exit 0 only
# if L and F are 0. The ASan build needs ASAN_OPTIONS=verify_asan_link_order=0
# for the shim; it is added here.
set -u
qk=$1 shim=$2 src=$3 work=$4 kills=$5
seed=${6:-$(( $(date +%s) % 100000 ))}
rm -rf "$work" && mkdir -p "$work" || exit 1
RANDOM=$seed
echo "powercut: $kills kills, seed $seed (repeat: $0 $qk $shim $src $work $kills $seed)"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

T0=1795000000000   # the uncut and killed runs' wall clock (epoch ms)
WINDOW_MIN=30      # the resume window the restarts are set up with
apps=(cs_specialist cs_manager trade_fair)
replays=(specialist_correct manager_correct fair_correct)

# resume_steps: how a candidate takes up the resume offer (one place for
# every power-cut test: tests/flows/resume_steps.sh).
. "$src/tests/flows/resume_steps.sh"

# run WALL DB REPLAY APP [ENV...]: one headless run of APP (output in
# DB.log); its exit status. The kiosk is exec'd, so with `run ... &` $! is
# the kiosk itself; a second subshell keeps bash's "Killed" notices quiet.
run() {
  local wall=$1 db=$2 replay=$3 app=$4
  shift 4
  ( ( exec env QUIZKIOSK_WALL_START_MS="$wall" "$@" "$qk" "$src/scripts/apps/$app" --headless \
    --window 1280x800 --db "$db" --replay "$replay" >"$db.log" 2>&1 ); exit $? ) 2>/dev/null
}
# Answers as "session|question|response|points", the response in a canonical
# form (a script's JSON objects come out in any key order).
answers() {
  local rubric="SELECT 'rubric', session_id, question, points FROM rubric_scores ORDER BY scored_at, session_id, question"
  # (a kill during the first start can leave the schema's later tables to come)
  [ "$(sqlite3 "$1" "SELECT count(*) FROM sqlite_master WHERE name = 'rubric_scores'")" = 1 ] || rubric="SELECT 1 WHERE 0"
  sqlite3 "$1" "SELECT session_id, question, CASE WHEN json_valid(response) THEN
    (SELECT group_concat(fullkey || '=' || quote(atom), ',') FROM (SELECT fullkey, atom
     FROM json_tree(response) WHERE atom IS NOT NULL OR type IN ('array', 'object') ORDER BY fullkey))
    ELSE response END, points FROM answers ORDER BY answered_at, session_id, question; $rubric"
}
# same_start KILLED UNCUT: KILLED's lines are UNCUT's first lines, except
# that an answer may still lack the points an interviewer gives later, and
# the last answer (and last rubric line) may be one still being given (a
# multiple choice half ticked): same question, any value.
same_start() {
  awk -F'|' 'NR == FNR { want[FNR] = $0; next }
       { line[FNR] = $0; n = FNR }
       END {
         for (i = 1; i <= n; i++) {
           if (line[i] == want[i]) continue
           if (substr(line[i], length(line[i])) == "|" && index(want[i], line[i]) == 1) continue
           split(line[i], a, "|"); split(want[i], b, "|"); split(line[i + 1], c, "|")
           last = i == n || (a[1] == "rubric") != (c[1] == "rubric")
           if (last && a[1] == b[1] && a[2] == b[2] && (a[1] != "rubric" || a[3] == b[3])) continue
           exit 1
         }
       }' "$2" "$1"
}
sessions() { sqlite3 "$1" "SELECT id, exam_ref FROM sessions ORDER BY id"; }
# count_of NAME FILE: a count from a faultfs count file; 0 when the kill came
# before the first counted call (no file yet).
count_of() { local v; v=$(sed -n "s/^$1 //p" "$2" 2>/dev/null); echo "${v:-0}"; }
ms_now() { date +%s%3N; }

bad() { echo "FAIL kill $k ($a $how, seed $seed): $*"; } # about the kill in hand
lost=0 failed=0
# One uncut run per exam: its answers, sessions, write calls and length.
for i in 0 1 2; do
  a=${apps[$i]} d=$work/${apps[$i]}
  mkdir -p "$d"
  grep -v '^shot ' "$src/tests/flows/${replays[$i]}.replay" > "$d/full.replay"
  # Every kiosk has its staff PIN (the interview's rubric screen asks for it),
  # set as staff set it: with set-pin, before the first candidate.
  "$qk" set-pin --db "$d/full.db" 2468 >/dev/null || { echo "FAIL: set-pin"; exit 1; }
  t=$(ms_now)
  if ! run $T0 "$d/full.db" "$d/full.replay" "$a" LD_PRELOAD="$shim" FAULTFS_MATCH=full.db \
      FAULTFS_COUNT_FILE="$d/full.counts"; then
    echo "FAIL: the uncut $a run: $(tail -2 "$d/full.db.log")"
    exit 1
  fi
  len[$i]=$(( $(ms_now) - t ))
  calls[$i]=$(count_of calls "$d/full.counts")
  answers "$d/full.db" > "$d/full.answers"
  sessions "$d/full.db" > "$d/full.sessions"
  echo "uncut $a: ${calls[$i]} write calls, $(wc -l < "$d/full.answers") answers, ${len[$i]} ms"
  : > "$d/progress"   # "calls answers" per kill, for the no-loss check
done

for k in $(seq 1 "$kills"); do
  i=$(( (k - 1) % 3 )) a=${apps[$i]}
  d=$work/${apps[$i]}/k$k
  mkdir -p "$d"
  db=$d/killed.db
  "$qk" set-pin --db "$db" 2468 >/dev/null || { echo "FAIL: set-pin"; exit 1; }
  if [ $(( (k - 1) / 3 % 2 )) = 0 ]; then
    n=$(( RANDOM * 32768 + RANDOM )) n=$(( n % ${calls[$i]} + 1 ))
    how="at write call $n of ${calls[$i]}"
    run $T0 "$db" "$work/$a/full.replay" "$a" LD_PRELOAD="$shim" FAULTFS_MATCH=killed.db \
      FAULTFS_COUNT_FILE="$d/counts" FAULTFS_KILL_AT=$n
    status=$?
    [ $status = 137 ] || { echo "FAIL kill $k ($a $how): the process was not killed (exit $status)"; failed=$((failed + 1)); continue; }
  else
    ms=$(( (RANDOM * 32768 + RANDOM) % ${len[$i]} ))
    how="after $ms ms"
    env QUIZKIOSK_WALL_START_MS=$T0 LD_PRELOAD="$shim" FAULTFS_MATCH=killed.db FAULTFS_COUNT_FILE="$d/counts" \
      "$qk" "$src/scripts/apps/$a" --headless --window 1280x800 --db "$db" \
      --replay "$work/$a/full.replay" >"$db.log" 2>&1 &
    pid=$!   # the kiosk itself: env execs it
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    status=$?
    [ $status = 137 ] || [ $status = 0 ] || { echo "FAIL kill $k ($a $how): exit $status"; failed=$((failed + 1)); continue; }
    [ $status = 0 ] && how="$how (the run had finished)"
  fi
  c=$(count_of calls "$d/counts")

  if [ ! -s "$db" ]; then
    echo "$c 0" >> "$work/$a/progress"
    echo "kill $k ($a $how): ok (no database yet)"
    continue
  fi
  if [ "$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)" != ok ]; then
    bad "integrity_check: $(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1 | head -3)"
    failed=$((failed + 1)); continue
  fi
  if ! sqlite3 "$db" 'SELECT 1 FROM sessions LIMIT 1' >/dev/null 2>&1; then
    echo "$c 0" >> "$work/$a/progress"
    echo "kill $k ($a $how): ok (no tables yet)"
    continue
  fi
  answers "$db" > "$d/answers"
  m=$(wc -l < "$d/answers")
  if ! same_start "$d/answers" "$work/$a/full.answers"; then
    bad "the answers are not the uncut run's first $m:"; diff "$d/answers" <(head -n "$m" "$work/$a/full.answers") | head -5
    lost=$((lost + 1)); continue
  fi
  echo "$c $m" >> "$work/$a/progress"
  sessions "$db" > "$d/sessions"
  s=$(wc -l < "$d/sessions")
  if ! head -n "$s" "$work/$a/full.sessions" | cmp -s - "$d/sessions"; then
    bad "sessions: $(tr '\n' ' ' < "$d/sessions") vs the uncut run's $(tr '\n' ' ' < "$work/$a/full.sessions")"
    failed=$((failed + 1)); continue
  fi

  open=$(sqlite3 "$db" "SELECT count(*) FROM sessions WHERE status = 'in_progress'")
  if [ "$open" -gt 0 ]; then
    last=$(sqlite3 "$db" "SELECT max(last_activity) FROM sessions WHERE status = 'in_progress'")
    sqlite3 "$db" "INSERT OR REPLACE INTO settings(key, value) VALUES('resume_window_min', '$WINDOW_MIN')" \
      || { bad "cannot set the resume window"; failed=$((failed + 1)); continue; }
    # Back a second later: the offer, taken up; nothing changes.
    cp "$db" "$d/resume.db"
    { resume_steps "$d/resume.db"; echo "wait 500"; } > "$d/resume.replay"
    if ! run $((last + 1000)) "$d/resume.db" "$d/resume.replay" "$a"; then
      # Issue 9 item 8: a kill between begin_session, the start event and
      # the first checkpoint leaves a session that cannot be resumed.
      [ "$(sqlite3 "$db" 'SELECT count(*) FROM sessions s WHERE status = '"'in_progress'"' AND NOT EXISTS
        (SELECT 1 FROM checkpoints c WHERE c.session_id = s.id)')" = 0 ] || bad "a session in progress without a checkpoint (issue 9 item 8)"
      bad "no resume offer a second later: $(grep -v ' info: ' "$d/resume.db.log" | tail -2 | tr '\n' ' ')"
      failed=$((failed + 1)); continue
    fi
    if [ "$(answers "$d/resume.db")" != "$(cat "$d/answers")" ]; then
      bad "resuming changed the answers"; lost=$((lost + 1)); continue
    fi
    # Back after the window: interrupted, kept, no offer.
    cp "$db" "$d/late.db"
    printf 'wait 1000\nexpect-not 继续上次的测试？\n' > "$d/late.replay"
    if ! run $((last + (WINDOW_MIN + 1) * 60000)) "$d/late.db" "$d/late.replay" "$a"; then
      bad "restart after the window: $(grep -v ' info: ' "$d/late.db.log" | tail -2 | tr '\n' ' ')"
      failed=$((failed + 1)); continue
    fi
    left=$(sqlite3 "$d/late.db" "SELECT count(*) FROM sessions WHERE status = 'in_progress'")
    [ "$left" = 0 ] || { bad "$left session(s) still in progress after the window"; failed=$((failed + 1)); continue; }
    [ "$(answers "$d/late.db")" = "$(cat "$d/answers")" ] || { bad "answers of the interrupted session"; lost=$((lost + 1)); continue; }
  fi
  echo "kill $k ($a $how): ok ($m answers kept, $s session(s), $open unfinished)"
done

# No loss across kills: the runs are the same until the kill, so a kill
# after more write calls keeps at least as many answers.
for a in "${apps[@]}"; do
  prev_c=-1 prev_m=-1
  while read -r c m; do
    if [ "$m" -lt "$prev_m" ]; then
      echo "FAIL ($a, seed $seed): killed after $c write calls, $m answers kept; after $prev_c, $prev_m"
      lost=$((lost + 1))
    fi
    prev_c=$c prev_m=$m
  done < <(sort -n -k1,1 -k2,2 "$work/$a/progress")
done

echo "powercut: $kills kills (seed $seed): $lost lost, $failed other failures"
[ "$lost" = 0 ] && [ "$failed" = 0 ]
