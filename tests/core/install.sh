#!/bin/sh
# install.sh BUILD_DIR SRC — `cmake --install` to a temporary prefix, then the
# installed binary runs an app from there with no source tree in sight.
set -eu
build=$1 src=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
test -x "$prefix/bin/quizkiosk"
test -d "$prefix/share/quizkiosk/scripts/kiosk"
test -d "$prefix/share/quizkiosk/assets"
test -d "$prefix/share/quizkiosk/fonts"
cp -r "$src/tests/core/apps/faults" "$prefix/app"
printf 'expect Start screen\ntap runtime\nexpect Script error\n' > "$prefix/r.txt"
# No QUIZKIOSK_DATA, and run from elsewhere: the binary must find its data itself.
cd /
env -u QUIZKIOSK_DATA "$prefix/bin/quizkiosk" "$prefix/app" --headless --replay "$prefix/r.txt" --db "$prefix/r.db"
n=1
# Built with Chinese input: the installed program finds its input-method
# module under its own prefix (lib/.../quizkiosk), not in the build folder.
if [ -f "$build/quizkiosk-ime.so" ]; then
  mod=$(find "$prefix" -name quizkiosk-ime.so)
  test -n "$mod"
  printf 'expect 布局：pinyin handwriting latin digits\n' > "$prefix/ime.txt"
  env -u QUIZKIOSK_DATA "$prefix/bin/quizkiosk" "$src/tests/ime/apps/ime" --headless --replay "$prefix/ime.txt" \
    --db "$prefix/ime.db"
  n=2
fi
# The modules loaded on demand (runtime/base/module.h): installed under the
# prefix, and the installed program finds and uses each one from there.
for m in quizkiosk-sync.so quizkiosk-xlsx.so quizkiosk-import.so quizkiosk-qr.so quizkiosk-fontconfig.so; do
  test -n "$(find "$prefix" -name "$m")" || { echo "install: $m not installed"; exit 1; }
done
# Excel (quizkiosk-xlsx): a workbook from the replay's database.
env -u QUIZKIOSK_DATA "$prefix/bin/quizkiosk" export --db "$prefix/r.db" --format xlsx --out "$prefix/r.xlsx"
test -s "$prefix/r.xlsx"
# Import (quizkiosk-import): the installed framework checks an installed app.
env -u QUIZKIOSK_DATA "$prefix/bin/quizkiosk" check "$prefix/share/quizkiosk/scripts/apps/trade_fair" >/dev/null
# Fleet (quizkiosk-sync): the module loads and libpq reports the refused
# connection (the discard port: nothing listens), not a missing module.
if env -u QUIZKIOSK_DATA "$prefix/bin/quizkiosk" fleet status --pg postgresql://127.0.0.1:9/none 2>"$prefix/fleet.err"; then
  echo "install: fleet status succeeded with no server"; exit 1
fi
grep -q "Connection refused\|connection to server" "$prefix/fleet.err" || { cat "$prefix/fleet.err"; exit 1; }
# QR (quizkiosk-qr): gfx.qr draws through the installed module (a failed
# load would be a script error, and the text below would not show).
mkdir "$prefix/qr"
cat > "$prefix/qr/main.lua" <<'LUA'
local app = {}
function app.draw()
  gfx.clear("#ffffff")
  gfx.qr("QK-TEST", 20, 20, 200)
  gfx.text("QR drawn", 20, 240, { size = 28 })
end
return app
LUA
printf 'expect QR drawn\n' > "$prefix/qr.txt"
env -u QUIZKIOSK_DATA "$prefix/bin/quizkiosk" "$prefix/qr" --headless --replay "$prefix/qr.txt" --db "$prefix/qr.db"
# fontconfig (quizkiosk-fontconfig): a start with an empty font match cache
# (a cache miss) matches through the installed module.
XDG_CACHE_HOME="$prefix/cache" env -u QUIZKIOSK_DATA "$prefix/bin/quizkiosk" "$prefix/app" --headless \
  --replay "$prefix/r.txt" --db "$prefix/fc.db" 2>"$prefix/fc.err" || { cat "$prefix/fc.err"; exit 1; }
grep -q "^M" "$prefix/cache/quizkiosk/fontmatch" || { echo "install: no match through the fontconfig module"; cat "$prefix/fc.err"; exit 1; }
n=$((n + 5))
echo "install: $n passed, 0 failed"
