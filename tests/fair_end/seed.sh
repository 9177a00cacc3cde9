#!/bin/sh
# seed.sh QUIZKIOSK SRC DB CASE — a trade-fair database for the podium and
# attract tests: a first game (小明, fair_wrong.replay: 0 points) at the
# fixed wall clock T0 (2026-11-18 19:06 in the kiosk's time zone,
# Asia/Shanghai, set by the caller), then more finished games with
# nicknames written next to it:
#   first    today 玩家A 2000, 玩家B 1500, 玩家C 1000 (a visitor scoring
#            2722 is 1st of 5)
#   seventh  today 玩家1..玩家6, 5900 down to 3000 (2722 is 7th of 8)
# and in both yesterday's 昨日王者 with 9000, who must not be on the day's
# podium; and a fixed prize key and session UUIDs, so the visitor's prize
# code is the same on every run. Run by the tests of tests/fair_end.
set -u
qk=$1 src=$2 db=$3 case=$4
. "$src/tests/fair_lib.sh" # app, T0, first_game
first_game fair_wrong.replay
case $case in
  first) scores="2000 1500 1000" ;;
  seventh) scores="5900 5000 4500 4000 3500 3000" ;;
  *) echo "FAIL: no case $case"; exit 1 ;;
esac
i=0
for score in $scores; do
  i=$((i + 1))
  name=$([ "$case" = first ] && printf '玩家%s' "$(echo ABC | cut -c$i)" || printf '玩家%s' $i)
  sqlite3 "$db" "
    INSERT INTO sessions(kiosk, exam_ref, status, started_at, finished_at, last_activity, score, max_score, passed,
                         shuffle_seed, language, mode)
      SELECT kiosk, exam_ref, status, started_at + $i, finished_at + $i, last_activity + $i, $score, max_score,
             passed, shuffle_seed, language, mode FROM sessions WHERE id = 1;
    INSERT INTO candidates(session_id, field, value) VALUES(last_insert_rowid(), 'nickname', '$name');" ||
    { echo "FAIL: seeding"; exit 1; }
done
# The prize codes the same on every run (for the reference images): a
# fixed prize key, and each new session's UUID made from its id by a
# trigger (the store draws a random one), as tests/prize/fixture_tool.c
# fixes them. The codes still come from the kiosk's own derivation.
sqlite3 "$db" "
  INSERT INTO settings(key, value)
    VALUES('prize.key', '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
  CREATE TRIGGER fixed_uuid AFTER INSERT ON sessions BEGIN
    UPDATE sessions SET uuid = printf('00000000-0000-4000-8000-%012d', NEW.id) WHERE id = NEW.id;
  END;" || { echo "FAIL: fixing the prize key"; exit 1; }
# Yesterday's best: a day (and a minute) before the first game.
sqlite3 "$db" "
  INSERT INTO sessions(kiosk, exam_ref, status, started_at, finished_at, last_activity, score, max_score, passed,
                       shuffle_seed, language, mode)
    SELECT kiosk, exam_ref, status, started_at - 86460000, finished_at - 86460000, last_activity - 86460000, 9000,
           max_score, passed, shuffle_seed, language, mode FROM sessions WHERE id = 1;
  INSERT INTO candidates(session_id, field, value) VALUES(last_insert_rowid(), 'nickname', '昨日王者');" ||
  { echo "FAIL: seeding yesterday"; exit 1; }
