#!/bin/sh
# crash.sh QUIZKIOSK SRC WORK — power-cut safety. The specialist exam is
# driven by replay and the process is killed with SIGKILL (replay `crash`:
# no cleanup, no flush) at many points. After each kill:
#   * PRAGMA integrity_check is ok;
#   * every answer given before the kill is stored, exactly as a run that
#     stopped at the same point without being killed stored it;
#   * restarted within the resume window, the kiosk offers to resume and the
#     candidate goes on where they were, answers kept, and the rest of the
#     original replay finishes the test with the full score;
#   * restarted after the window — or within it, with nobody taking up the
#     offer for two minutes — the session is marked interrupted (never deleted).
# Every run has its own wall clock (QUIZKIOSK_WALL_START_MS): a replay's
# virtual clock runs faster than real time, so a restart on the real clock
# could come "before" the killed run's last activity. The killed and clean
# runs start at a fixed date; a restart within the window starts just after
# the killed run's last_activity, a late one after last_activity + window.
set -u
qk=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
app=$src/scripts/apps/cs_specialist
full=$src/tests/flows/specialist_correct.replay
fail() { echo "FAIL (kill after command $n): $*"; exit 1; }
T0=1795000000000   # the killed and clean runs' wall clock (epoch ms)
WINDOW_MIN=30      # the resume window the late restart is set up with
# run WALL_START_MS DB REPLAY: one headless run of the specialist exam.
# Its output goes to DB.log, shown by why DB when it fails.
run() { QUIZKIOSK_WALL_START_MS=$1 "$qk" "$app" --headless --window 1280x800 --db "$2" --replay "$3" >"$2.log" 2>&1; }
why() { grep -v ' info: ' "$1.log" | tail -n 4; }
last_activity() { sqlite3 "$1" 'SELECT max(last_activity) FROM sessions'; }
# resume_steps DB: how a candidate takes up the resume offer (one place for
# every power-cut test: tests/flows/resume_steps.sh).
. "$src/tests/flows/resume_steps.sh"
answers() { sqlite3 "$1" "SELECT question, response, points FROM answers ORDER BY question"; }

# Command lines of the replay (no comments), and where to kill: while
# registering, on the first questions, mid-way, on the multiple choice, at
# the review page, right after handing in.
grep -v '^#' "$full" | grep -v '^$' | grep -v '^shot ' > "$work/commands"
total=$(wc -l < "$work/commands")
for n in 3 7 9 10 11 14 17 22 28 31 35 40 44 47; do
  [ "$n" -le "$total" ] || continue
  d=$work/kill$n
  mkdir -p "$d"
  head -n "$n" "$work/commands" > "$d/upto.replay"
  cp "$d/upto.replay" "$d/crash.replay" && echo crash >> "$d/crash.replay"

  run $T0 "$d/killed.db" "$d/crash.replay"
  status=$?
  [ "$status" -eq 137 ] || fail "the process was not killed (exit $status)"
  run $T0 "$d/clean.db" "$d/upto.replay" \
    || fail "the same commands without the kill failed: $(why "$d/clean.db")"

  [ "$(sqlite3 "$d/killed.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
  [ "$(answers "$d/killed.db")" = "$(answers "$d/clean.db")" ] || fail "answers lost: $(answers "$d/killed.db") vs $(answers "$d/clean.db")"
  given=$(sqlite3 "$d/killed.db" 'SELECT count(*) FROM answers')
  state=$(sqlite3 "$d/killed.db" 'SELECT status FROM sessions')

  if [ "$state" = in_progress ]; then
    # Back within the window: the resume offer, and the test goes on.
    cp "$d/killed.db" "$d/resume.db"
    at=$(sqlite3 "$d/killed.db" "SELECT json_extract(state, '$.quiz.index') FROM checkpoints")
    review=$(sqlite3 "$d/killed.db" "SELECT json_extract(state, '$.quiz.review') FROM checkpoints")
    soon=$(( $(last_activity "$d/killed.db") + 1000 ))          # back a second later
    late=$(( $(last_activity "$d/killed.db") + WINDOW_MIN * 60000 + 60000 )) # a minute after the window
    {
      resume_steps "$d/resume.db"
      # on the question where the candidate was (if the quiz had begun)
      if [ "$review" = 1 ]; then echo "expect 全部题目都已作答。"
      elif [ -n "$at" ]; then echo "expect 第 $at 题 / 共 13 题 · $( [ "$at" -le 10 ] && echo 一、单选题 · 2 分 || echo 二、多选题 · 3 分)"; fi
      # In the quiz, the rest of the original replay then finishes the test:
      # the same screens, the same answers, the full score.
      # (An open dialog is not part of the saved position: from the review
      # page, hand in again.)
      if [ "$review" = 1 ]; then printf 'tap 交卷\ntap 交卷\nexpect 29 / 29 分\n'
      elif [ -n "$at" ]; then tail -n +"$((n + 1))" "$work/commands"; fi
    } > "$d/resume.replay"
    run $soon "$d/resume.db" "$d/resume.replay" \
      || fail "no resume offer: $(why "$d/resume.db")"
    if [ -n "$at" ]; then
      [ "$(sqlite3 "$d/resume.db" 'SELECT status, score FROM sessions')" = "completed|29.0" ] \
        || fail "the resumed test did not finish with 29/29"
    else
      [ "$(answers "$d/resume.db")" = "$(answers "$d/killed.db")" ] || fail "answers changed by resuming"
    fi

    # Back within the window but nobody takes up the offer: after two
    # minutes the session is kept as interrupted and the welcome is back.
    if [ "$n" = 28 ]; then
      cp "$d/killed.db" "$d/walkaway.db"
      printf 'expect 继续上次的测试？\nwait 121000\nexpect 客户服务专员筛选测试\nexpect-not 继续上次的测试？\n' > "$d/walkaway.replay"
      run $soon "$d/walkaway.db" "$d/walkaway.replay" \
        || fail "the resume offer did not give up: $(why "$d/walkaway.db")"
      [ "$(sqlite3 "$d/walkaway.db" 'SELECT status FROM sessions ORDER BY id LIMIT 1')" = interrupted ] \
        || fail "an ignored resume offer did not mark the session interrupted"
    fi

    # Someone else takes up the offer and cannot prove it is their test: the
    # session is left for staff, kept as interrupted, answers untouched.
    if [ "$n" = 22 ]; then
      cp "$d/killed.db" "$d/stranger.db"
      printf 'expect 这是 张* 未完成的测试\nexpect-not 张伟\ntype 1234\ntap 继续答题\nexpect 无法继续这场测试\nexpect-not 第\nwait 9000\nexpect 客户服务专员筛选测试\n' \
        > "$d/stranger.replay"
      run $soon "$d/stranger.db" "$d/stranger.replay" \
        || fail "a wrong proof was not refused: $(why "$d/stranger.db")"
      [ "$(sqlite3 "$d/stranger.db" 'SELECT status FROM sessions ORDER BY id LIMIT 1')" = interrupted ] \
        || fail "a refused resume did not leave the session interrupted"
      [ "$(answers "$d/stranger.db")" = "$(answers "$d/killed.db")" ] || fail "answers changed by a refused resume"
    fi

    # Back after the window: interrupted, kept.
    cp "$d/killed.db" "$d/late.db"
    sqlite3 "$d/late.db" "INSERT OR REPLACE INTO settings(key, value) VALUES('resume_window_min', '$WINDOW_MIN')"
    printf 'wait 1000\nexpect-not 继续上次的测试？\n' > "$d/late.replay"
    run $late "$d/late.db" "$d/late.replay" \
      || fail "restart after the window: $(why "$d/late.db")"
    [ "$(sqlite3 "$d/late.db" 'SELECT status FROM sessions ORDER BY id LIMIT 1')" = interrupted ] \
      || fail "not marked interrupted"
    [ "$(answers "$d/late.db")" = "$(answers "$d/killed.db")" ] || fail "answers of the interrupted session"
  fi
  echo "kill after command $n: ok ($given answers kept, session $state)"
done
echo "crash: all held"
