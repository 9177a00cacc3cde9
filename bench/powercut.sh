#!/usr/bin/env bash
# bench/powercut.sh [KILLS] [SEED] [BUILD] — the long power-cut run: KILLS
# (default 1000) SIGKILLs during the bundled exams, at random moments and at
# random write calls, each checked as tests/reliability/powercut.sh says.
# Run from the source tree after building (BUILD defaults to ./build). The
# log goes to BUILD/powercut-bench.log; the last line is the summary:
#   powercut: K kills (seed S): L lost, F other failures
# The goal is L = 0.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
kills=${1:-1000} seed=${2:-$(( $(date +%s) % 100000 ))} build=${3:-$here/build}
export SDL_VIDEODRIVER=offscreen QUIZKIOSK_DATA=$here
bash "$here/tests/reliability/powercut.sh" "$build/quizkiosk" "$build/libqk_faultfs.so" "$here" \
  "$build/powercut-bench" "$kills" "$seed" > "$build/powercut-bench.log" 2>&1
status=$?
grep '^FAIL' "$build/powercut-bench.log"
tail -n 1 "$build/powercut-bench.log"
exit $status
