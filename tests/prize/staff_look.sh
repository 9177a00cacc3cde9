#!/bin/sh
# staff_look.sh QUIZKIOSK FIXTURE IMGDIFF SRC OUT WxH — the staff screen's
# prize view (staff.replay) on a database of 2,500 codes made the same on
# every run (qk_prize_fixture: fixed key and UUIDs), under a fixed clock
# and kiosk name; then the database holds exactly the one redemption the
# replay made, and its shots match the reference images.
set -u
qk=$1 fixture=$2 imgdiff=$3 src=$4 out=$5 size=$6
rm -rf "$out"
mkdir -p "$out"
db=$out/kiosk.db
"$fixture" "$db" 2500 >"$out/codes.txt" || { echo "FAIL: fixture"; exit 1; }
grep -q "^CODE 5 6J2G-TNN2-B9V9$" "$out/codes.txt" || { echo "FAIL: the fixture's codes changed:"; cat "$out/codes.txt"; exit 1; }
"$qk" set-pin --db "$db" 2468 >/dev/null || exit 1
"$qk" "$src/tests/core/apps/reload" --headless --window "$size" --replay "$src/tests/prize/staff.replay" \
  --shots "$out" --db "$db" --kiosk-id 展位-1 --clock 2025-12-02 || { echo "FAIL: replay"; exit 1; }
n=$(sqlite3 "$db" "SELECT count(*) FROM prize_codes WHERE redeemed_at IS NOT NULL")
[ "$n" = 834 ] || { echo "FAIL: $n codes redeemed, wanted 833 + 1"; exit 1; }
who=$(sqlite3 "$db" "SELECT redeemed_by || ' ' || redeemed_kiosk FROM prize_codes WHERE code = '6J2G-TNN2-B9V9'")
[ "$who" = "staff screen 展位-1" ] || { echo "FAIL: redeemed by '$who'"; exit 1; }
status=0
for shot in prize_list prize_valid prize_redeemed prize_forged; do
  "$imgdiff" "$out/$shot.png" "$src/tests/ref/${shot}_$size.png" || status=1
done
[ $status = 0 ] && echo "staff_look $size: the prize view held and matches its references"
exit $status
