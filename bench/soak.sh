#!/bin/sh
# soak.sh [QUIZKIOSK [VISITORS [EVERY [WARMUP]]]] — the full soak: 1,000
# trade-fair visitors in one kiosk process (each a fresh VM, as at a fair),
# RSS and heap printed every EVERY visitors, then the growth after WARMUP
# visitors. Run from build/: sh ../bench/soak.sh ./quizkiosk
# The replay, the game and the measuring are tests/soak/ (the CI test runs a
# shorter version of the same with a pass/fail limit); this prints a table.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
qk=${1:-./quizkiosk} visitors=${2:-1000} every=${3:-50} warmup=${4:-100}
work=${TMPDIR:-/tmp}/quizkiosk-soak.$$
start=$(date +%s)
out=$(SDL_VIDEODRIVER=offscreen sh "$here/tests/soak/soak.sh" "$qk" "$here" "$work" "$visitors" "$every" "$warmup")
rc=$?
echo "visitors   RSS MiB   heap MiB   Lua KiB"
echo "$out" | awk '$1 == "memory" { sub(/visitor-/, "", $2); sub(/:/, "", $2)
  printf "%8d %9.2f %10.2f %9.1f\n", $2, $10 / 1048576, $8 / 1048576, $6 / 1024 }'
echo "$out" | grep -v '^memory '
echo "($(($(date +%s) - start)) s)"
rm -rf "$work"
exit $rc
