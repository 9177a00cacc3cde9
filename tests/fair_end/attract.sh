#!/bin/sh
# attract.sh QUIZKIOSK IMGDIFF SRC WORK WxH [ref] — the trade fair's attract
# loop fed with the day's top three (attract.replay on seed.sh's "first"
# database, a few hours later the same day); with "ref", the top-three
# slide is compared with tests/ref/fair_end_attract_WxH.png.
set -u
qk=$1 imgdiff=$2 src=$3 work=$4 size=$5 ref=${6:-}
rm -rf "$work" && mkdir -p "$work" || exit 1
export TZ=Asia/Shanghai
db=$work/results.db
fail() { echo "FAIL: $*"; exit 1; }
sh "$src/tests/fair_end/seed.sh" "$qk" "$src" "$db" first || exit 1
# 19:06 + 3 h = 22:06 the same day (local).
QUIZKIOSK_WALL_START_MS=1795010800000 "$qk" "$src/scripts/apps/trade_fair" --headless --window "$size" --db "$db" \
  --replay "$src/tests/fair_end/attract.replay" --shots "$work/shots" >"$work/out" 2>&1 ||
  fail "$(grep replay "$work/out" | tail -1)"
[ "$(sqlite3 "$db" "SELECT count(*) FROM sessions")" = 5 ] || fail "a touch on the loop started a session"
if [ "$ref" = ref ]; then
  "$imgdiff" "$work/shots/attract_top.png" "$src/tests/ref/fair_end_attract_${size}.png" || exit 1
fi
echo "fair_end attract $size: passed"
