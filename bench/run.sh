#!/bin/sh
# bench/run.sh [BUILD_DIR] [RUNS] — every figure of issue 11 in one run,
# each side by side with its baseline or against its goal:
#   frames (bench/frames.c), start-up and memory (bench/startup.c: the demo
#   against the bare chooser, then the same screen in both), then the
#   store's (bench/db/run.sh) and the question banks' (bench/banks/run.sh)
#   when they are there. Headless on SDL's offscreen driver unless DISPLAY is
#   set (then the start-up runs on that display, e.g. Xvfb).
# From the source tree:  sh bench/run.sh build 5
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build}" && pwd) || exit 2
runs=${2:-5}
font=${QK_BENCH_FONT:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
status=0
echo "issue 11 figures, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$build/qk_bench_frames" "$build/quizkiosk" "$build/qk_bare_kiosk" "$font" "$src" "$runs" || status=1
echo
[ -n "${DISPLAY:-}" ] || export SDL_VIDEODRIVER=offscreen
QUIZKIOSK_DATA=$src "$build/qk_bench_startup" "$build/quizkiosk" "$build/qk_bare_kiosk" "$font" "$((runs * 2 + 1))" 5 || status=1
# the same first screen in both programs: the demo's chooser, the question screen
for screen in demo question; do
  echo
  QK_BENCH_SCREEN=$screen QUIZKIOSK_DATA=$src "$build/qk_bench_startup" "$build/quizkiosk" "$build/qk_bare_kiosk" "$font" \
    "$((runs * 2 + 1))" 0 || status=1
done
for part in db banks; do
  if [ -x "$src/bench/$part/run.sh" ] || [ -f "$src/bench/$part/run.sh" ]; then
    echo
    # each part by the shell its first line names (bench/db/run.sh is bash)
    case $(head -n 1 "$src/bench/$part/run.sh") in
      *bash*) bash "$src/bench/$part/run.sh" "$build" || status=1 ;;
      *) sh "$src/bench/$part/run.sh" "$build" || status=1 ;;
    esac
  else
    echo
    echo "($part: bench/$part/run.sh is not there yet)"
  fi
done
exit $status
