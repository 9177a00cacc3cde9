#!/usr/bin/env bash
# bench/monkey.sh [EVENTS_PER_APP] [SEED] [BUILD] — the long monkey run:
# tests/reliability/monkey.sh on the four bundled apps (default 250,000
# events each, 1,000,000 in all) in the ASan+UBSan build (BUILD defaults to
# ./build-asan). Run from the source tree after building. The log goes to
# BUILD/monkey-bench.log; the last line is the summary.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
events=${1:-250000} seed=${2:-$(( $(date +%s) % 100000 ))} build=${3:-$here/build-asan}
export SDL_VIDEODRIVER=offscreen QUIZKIOSK_DATA=$here
export LSAN_OPTIONS=suppressions=$here/tests/lsan.supp:print_suppressions=0
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
bash "$here/tests/reliability/monkey.sh" "$build/quizkiosk" "$build/qk_monkey_gen" "$here" \
  "$build/monkey-bench" "$events" "$seed" > "$build/monkey-bench.log" 2>&1
status=$?
grep '^FAIL' "$build/monkey-bench.log"
tail -n 1 "$build/monkey-bench.log"
exit $status
