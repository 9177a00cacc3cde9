#!/bin/sh
# tour.sh QUIZKIOSK IMGDIFF SRC WORK WxH — the bundled trade fair's whole
# question loop at one screen size, as a visitor meets it at a fair that has
# been running a while: a first game (tests/flows/fair_mix.replay, 小明,
# 2722) and five more players on the board; then 小红 plays
# tests/fair/tour.replay — the 3-2-1 lead-in, the tiles with their shapes,
# the reveal (right tile, own tile marked, points counting up), the top five
# with her place, the streak badge after three right answers, a wrong
# answer on a true/false question (neutral tiles), a question that times
# out — and the stored score must be exactly the speed rule's.
# Each step's screen is compared with tests/ref/fair_<step>_<WxH>.png.
set -u
qk=$1 imgdiff=$2 src=$3 work=$4 size=$5
rm -rf "$work" && mkdir -p "$work" || exit 1
db=$work/results.db
fail() { echo "FAIL: $*"; exit 1; }
. "$src/tests/fair_lib.sh" # app, T0, first_game
first_game fair_mix.replay "$work/first"
# Five more finished games (copies of the first with other scores and names).
sqlite3 "$db" "
  CREATE TEMP TABLE p(i INTEGER, score REAL, name TEXT);
  INSERT INTO p VALUES (1, 4100, '阿杰'), (2, 3350, 'Lily'), (3, 1800, '王芳'), (4, 950, 'Tom'), (5, 400, '小雨');
  INSERT INTO sessions(kiosk, exam_ref, status, started_at, finished_at, last_activity, score, max_score, passed,
                       shuffle_seed, language, mode)
    SELECT kiosk, exam_ref, status, started_at + i, finished_at + i, last_activity + i, p.score,
           max_score, passed, shuffle_seed, language, mode FROM sessions, p WHERE sessions.id = 1 ORDER BY i;
  INSERT INTO candidates(session_id, field, value) SELECT p.i + 1, 'nickname', p.name FROM p;" || fail "filling the board"
QUIZKIOSK_WALL_START_MS=$T0 "$qk" "$app" --headless --window "$size" --db "$db" \
  --replay "$src/tests/fair/tour.replay" --shots "$work/shots" >"$work/out" 2>&1 ||
  fail "the tour: $(grep replay "$work/out" | tail -1)"
got=$(sqlite3 "$db" "SELECT status || '|' || score FROM sessions WHERE id = 7")
[ "$got" = "completed|3227.0" ] || fail "小红's game: got '$got', want 'completed|3227.0'"
status=0
for step in lead_in tiles reveal board streak wrong timeout; do
  "$imgdiff" "$work/shots/$step.png" "$src/tests/ref/fair_${step}_${size}.png" || status=1
done
[ $status -eq 0 ] && echo "fair tour $size: passed"
exit $status
