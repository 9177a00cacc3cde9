#!/bin/sh
# fair_rank.sh QUIZKIOSK SRC WORK — the trade fair's "你的排名" line for a
# visitor far down the board (it used to vanish outside the top 100): 150
# finished games ahead, then a game of 0 points is ranked 151st of 151.
set -u
qk=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
db=$work/results.db
fail() { echo "FAIL: $*"; exit 1; }
. "$src/tests/fair_lib.sh" # app, T0, first_game
first_game fair_correct.replay "$work/shots"
# 149 more finished games, each a point below the last (5994 .. 5846).
sqlite3 "$db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 149)
  INSERT INTO sessions(kiosk, exam_ref, status, started_at, finished_at, last_activity, score, max_score, passed,
                       shuffle_seed, language, mode)
  SELECT kiosk, exam_ref, status, started_at + i, finished_at + i, last_activity + i, score - i, max_score, passed,
         shuffle_seed, language, mode FROM sessions, n WHERE sessions.id = 1" || fail "filling the board"
[ "$(sqlite3 "$db" "SELECT count(*) FROM sessions WHERE status = 'completed'")" = 150 ] || fail "150 games"
# The same clock as the first game's, so the same paper as fair_wrong.replay expects.
{ grep -v '^#' "$src/tests/flows/fair_wrong.replay"; echo "expect 你的排名：第 151 名（共 151 人）"; } > "$work/last.replay"
QUIZKIOSK_WALL_START_MS=$T0 "$qk" "$app" --headless --window 1280x800 --db "$db" \
  --replay "$work/last.replay" >"$work/out" 2>&1 || fail "the rank line: $(grep replay "$work/out" | tail -1)"
echo "fair_rank: 1 passed, 0 failed"
