#!/bin/sh
# fixture.sh QUIZKIOSK SRC WORK NAME FIXTURE REPLAY EXPECTED — a question
# bank written for the tests goes from file to running kiosk the way a
# trainer does it: `quizkiosk new APP --from FIXTURE`, `quizkiosk check APP`,
# then a replay through the whole exam; the stored session must read
# EXPECTED ("status|score|max_score").
set -u
qk=$1 src=$2 work=$3 name=$4 fixture=$5 replay=$6 want=$7
app=$work/$name db=$work/$name.db
rm -rf "$app" "$db" "$db-wal" "$db-shm" "$work/$name.shots"
mkdir -p "$work"
"$qk" new "$app" --from "$src/tests/import/fixtures/$fixture" || { echo "FAIL: new"; exit 1; }
"$qk" check "$app" || { echo "FAIL: check"; exit 1; }
QUIZKIOSK_WALL_START_MS=1795000000000 "$qk" "$app" --headless --window 1280x800 \
  --replay "$src/tests/import/$replay" --shots "$work/$name.shots" --db "$db" || { echo "FAIL: replay"; exit 1; }
got=$(sqlite3 "$db" "SELECT status, score, max_score FROM sessions") || exit 1
[ "$got" = "$want" ] || { printf 'expected %s\ngot      %s\n' "$want" "$got"; exit 1; }
echo "ok: $got"
