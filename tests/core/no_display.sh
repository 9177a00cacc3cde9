#!/bin/sh
# no_display.sh QUIZKIOSK — with no display the kiosk says so in one clear
# line that tells how to run headless, not an SDL error.
out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$1" "$(dirname "$0")/apps/reload" --db /tmp/qk-nodisplay.db 2>&1)
rc=$?
echo "$out"
[ $rc -ne 0 ] || { echo "FAIL: exit code 0 without a display"; exit 1; }
echo "$out" | grep -q -- "--headless" || { echo "FAIL: no hint about --headless"; exit 1; }
[ "$(echo "$out" | grep -c .)" -le 2 ] || { echo "FAIL: more than a clear line or two"; exit 1; }
echo "no display: 1 passed, 0 failed"
