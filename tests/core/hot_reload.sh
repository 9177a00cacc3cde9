#!/bin/sh
# hot_reload.sh QUIZKIOSK — a running kiosk restarts its app when a .lua file
# changes, shows the error screen on a broken save, and recovers on the next
# good save. Real files, real inotify, real time (a few seconds).
set -u
qk=$1
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
cp "$(dirname "$0")/apps/reload/main.lua" "$dir/main.lua"
"$qk" "$dir" --headless --window 640x480 --db "$dir/r.db" >"$dir/log" 2>&1 &
pid=$!
wait_for() { # text, seconds
  i=0
  while [ $i -lt $(($2 * 10)) ]; do
    grep -q "$1" "$dir/log" && return 0
    sleep 0.1; i=$((i + 1))
  done
  echo "FAIL: '$1' not logged within $2 s"; cat "$dir/log"; exit 1
}
wait_for "loaded version 1" 10
sed -i 's/version 1/version 2/g' "$dir/main.lua"
wait_for "loaded version 2" 5
echo "ok   edit reloads the app"
printf 'local x = = 1\n' > "$dir/main.lua"
wait_for "script error" 5
echo "ok   broken save shows the error screen"
sed 's/version 1/version 3/g' "$(dirname "$0")/apps/reload/main.lua" > "$dir/main.lua"
wait_for "loaded version 3" 5
echo "ok   next good save recovers"
kill -0 $pid || { echo "FAIL: kiosk exited"; exit 1; }
echo "hot reload: 3 passed, 0 failed"
