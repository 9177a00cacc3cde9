#!/bin/sh
# libs_at_start.sh QUIZKIOSK SRC [APP] — how many shared objects the kiosk
# has mapped at its first frame, and which of them belong to the input
# method (libpinyin, zinnia, Berkeley DB, the module). Reads /proc/PID/maps
# while the replay holds right after the first frame is drawn. Headless
# (SDL offscreen driver), software renderer; APP defaults to the demo.
#   sh bench/ime/libs_at_start.sh build/quizkiosk . scripts/apps/demo
set -eu
qk=$1 src=$2 app=${3:-$2/scripts/apps/demo}
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
printf 'hold %s/go\n' "$dir" > "$dir/r.replay"
SDL_VIDEODRIVER=offscreen QUIZKIOSK_DATA=$src "$qk" "$app" --headless --window 1280x800 \
  --replay "$dir/r.replay" --db "$dir/db" >"$dir/out" 2>&1 &
pid=$!
i=0
until grep -q "hold: waiting" "$dir/out" 2>/dev/null; do
  i=$((i + 1)); [ $i -lt 600 ] || { cat "$dir/out"; exit 1; }; sleep 0.1
done
awk '$6 ~ /\.so/ { print $6 }' "/proc/$pid/maps" | sort -u > "$dir/libs"
ime=$(grep -c 'pinyin\|zinnia\|libdb-\|quizkiosk-ime' "$dir/libs" || true)
echo "shared objects at first frame: $(wc -l < "$dir/libs") (input method: $ime)"
touch "$dir/go"
wait "$pid"
pid=
