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
echo "install: 1 passed, 0 failed"
