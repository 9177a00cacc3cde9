#!/bin/sh
# fair_board.sh QUIZKIOSK IMGDIFF SRC WORK WxH RANK — the trade fair's end
# shows the visitor's own place wherever they are ranked (issue 14: a
# visitor ranked 10th could not see their row); since issue 15 that end is
# the podium of the day (kiosk.flow.podium), with the visitor's rank and
# score beneath the top three. A first game (小明, 5995) makes the board;
# RANK-2 more players score between it and the visitor, and five below;
# then 小红 plays fair_mix.replay's game (2722) and must be ranked RANK, the
# line and the score wholly visible (replay's truthful expect: not cut), 小明
# on the podium. The screen is compared with
# tests/ref/flows_fair_board_RANK_WxH.png.
set -u
qk=$1 imgdiff=$2 src=$3 work=$4 size=$5 rank=$6
rm -rf "$work" && mkdir -p "$work" || exit 1
db=$work/results.db
fail() { echo "FAIL: $*"; exit 1; }
. "$src/tests/fair_lib.sh" # app, T0, first_game
first_game fair_correct.replay "$work/first"
above=$((rank - 2))
# Players 2..RANK-1 between 5995 and 2722 (5950, 5900, ...: at most 60 of
# them stay above 2722), then five below the visitor; each with a nickname.
[ "$above" -le 60 ] || fail "rank $rank: at most 62 here"
sqlite3 "$db" "
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $above + 5)
  INSERT INTO sessions(kiosk, exam_ref, status, started_at, finished_at, last_activity, score, max_score, passed,
                       shuffle_seed, language, mode)
  SELECT kiosk, exam_ref, status, started_at + i, finished_at + i, last_activity + i,
         CASE WHEN i <= $above THEN 5995 - 50 * i ELSE 2700 - 400 * (i - $above) END,
         max_score, passed, shuffle_seed, language, mode FROM sessions, n WHERE sessions.id = 1;
  INSERT INTO candidates(session_id, field, value)
    SELECT id, 'nickname', '玩家' || (id - 1) FROM sessions WHERE id > 1;" || fail "filling the board"
# The visitor: fair_mix.replay's game under another name, then the board.
{ grep -v '^#' "$src/tests/flows/fair_mix.replay" | grep -v '^shot' | sed 's/^type 小明$/type 小红/'
  total=$((rank + 5))
  echo "expect 你的排名：第 $rank 名（共 $total 人）"
  echo "expect 你的得分：2722 分"
  echo "wait 2000" # the podium risen
  echo "expect 小明"
  echo "expect-not 小红"
  echo "shot board"; } > "$work/visitor.replay"
QUIZKIOSK_WALL_START_MS=$T0 "$qk" "$app" --headless --window "$size" --db "$db" \
  --replay "$work/visitor.replay" --shots "$work/shots" >"$work/out" 2>&1 ||
  fail "the visitor's row: $(grep replay "$work/out" | tail -1)"
"$imgdiff" "$work/shots/board.png" "$src/tests/ref/flows_fair_board_${rank}_${size}.png" || exit 1
echo "fair_board $size rank $rank: passed"
