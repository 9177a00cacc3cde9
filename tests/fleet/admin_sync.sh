#!/bin/sh
# admin_sync.sh QUIZKIOSK SRC SHOTS — the staff screen shows the fleet sync
# state: a kiosk with a sync_url whose server is not there says "offline"
# with the reason, at four screen sizes (the shots go to SHOTS); a kiosk
# with no server shows no fleet line at all.
set -u
qk=$1 src=$2 shots=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
rm -rf "$shots"; mkdir -p "$shots"
fails=0
for size in 800x480 1280x800 1080x1920 3840x2160; do
  db="$dir/$size.db"
  "$qk" set-pin --db "$db" 1234 >/dev/null || exit 1
  sqlite3 "$db" "INSERT INTO settings(key, value) VALUES('sync_url', 'postgresql:///fleet?host=$dir/no-server&port=5999&user=kiosk')"
  if "$qk" "$src/tests/core/apps/reload" --headless --window "$size" --replay "$src/tests/fleet/admin_sync.replay" \
       --shots "$shots/$size" --db "$db" >"$dir/out" 2>&1; then echo "ok   $size: offline shown"
  else echo "FAIL: $size"; cat "$dir/out"; fails=$((fails + 1)); fi
done
# No server configured: no fleet line.
"$qk" set-pin --db "$dir/plain.db" 1234 >/dev/null || exit 1
if "$qk" "$src/tests/core/apps/reload" --headless --window 1280x800 --replay "$src/tests/fleet/admin_sync.replay" \
     --shots "$dir/plain" --db "$dir/plain.db" >"$dir/out" 2>&1; then
  echo "FAIL: a fleet line without a server"; fails=$((fails + 1))
else grep -q "中心服务器" "$dir/out" && echo "ok   no server: no fleet line"; fi
echo "admin_sync: $((5 - fails)) passed, $fails failed"
[ $fails -eq 0 ]
