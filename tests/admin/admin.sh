#!/bin/sh
# admin.sh QUIZKIOSK SRC — the staff screen end to end: hidden gesture, no
# PIN made on screen (set-pin sets it), lockout after wrong PINs, today's numbers, export to a
# "USB stick" folder, and leaving the kiosk.
set -u
qk=$1 src=$2
dir=$(mktemp -d)
# The "USB stick" is this run's own folder (two builds run this test at once);
# the replay taps it by name, so its placeholder is replaced with the path.
export_dir=$dir/usb
trap 'rm -rf "$dir"' EXIT
mkdir -p "$export_dir"
sed "s|@EXPORT_DIR@|$export_dir|" "$src/tests/admin/admin.replay" > "$dir/admin.replay"
# A new kiosk: the staff screen stays closed until a PIN is set.
"$qk" "$src/tests/core/apps/reload" --headless --window 1280x800 \
  --replay "$src/tests/admin/admin_first.replay" --shots "$dir" --db "$dir/kiosk.db" || exit 1
[ "$(sqlite3 "$dir/kiosk.db" "SELECT count(*) FROM settings WHERE key LIKE 'pin.%'")" = 0 ] \
  || { echo "FAIL: a PIN was stored from the screen"; exit 1; }
echo "ok   no PIN can be made on screen"
"$qk" set-pin --db "$dir/kiosk.db" 1234 || exit 1
QUIZKIOSK_EXPORT_DIR=$export_dir "$qk" "$src/tests/core/apps/reload" --headless --window 1280x800 \
  --replay "$dir/admin.replay" --shots "$dir" --db "$dir/kiosk.db" || exit 1
# A replay whose app quits before its last command has not "all held".
{ cat "$dir/admin.replay"; echo "expect version 1"; } > "$dir/early.replay"
"$qk" set-pin --db "$dir/early.db" 1234 || exit 1
if QUIZKIOSK_EXPORT_DIR=$export_dir "$qk" "$src/tests/core/apps/reload" --headless --window 1280x800 --replay "$dir/early.replay" --shots "$dir/early-shots" \
     --db "$dir/early.db" >"$dir/early.out" 2>&1; then
  echo "FAIL: a replay cut short by the app quitting passed"; cat "$dir/early.out"; exit 1
fi
grep -q "1 command(s) after it were not run" "$dir/early.out" && ! grep -q "all held" "$dir/early.out" \
  || { echo "FAIL: no clear message for the replay cut short"; cat "$dir/early.out"; exit 1; }
echo "ok   a replay cut short by quitting fails"
ls "$export_dir"/*.csv >/dev/null 2>&1 || { echo "FAIL: no CSV exported"; exit 1; }
echo "ok   exported: $(ls "$export_dir")"
# Results on the dashboard: a timed-out session scored 11.1667 of 29 and a passed one.
"$qk" set-pin --db "$dir/rows.db" 1234 || exit 1
sqlite3 "$dir/rows.db" "INSERT INTO exams(app, exam, title, content_hash, created_at) VALUES ('reload', 'paper', '卷', 'h', 0);
  INSERT INTO sessions(kiosk, exam_ref, status, started_at, finished_at, last_activity, score, max_score, passed)
    VALUES ('k', 1, 'timed_out', 1000, 2000, 2000, 11.1667, 29, NULL), ('k', 1, 'completed', 3000, 4000, 4000, 29, 29, 1);" || exit 1
"$qk" "$src/tests/core/apps/reload" --headless --window 1280x800 \
  --replay "$src/tests/admin/admin_rows.replay" --shots "$dir" --db "$dir/rows.db" || exit 1
echo "ok   readable statuses and rounded scores"
echo "admin: 5 passed, 0 failed"
