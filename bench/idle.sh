#!/bin/sh
# bench/idle.sh — CPU and wake-ups of a kiosk sitting still on the demo's
# welcome screen, beside another build's, interleaved.
#   sh bench/idle.sh NEW_QUIZKIOSK OLD_QUIZKIOSK [RUNS]     (from the source tree)
# Each run starts the kiosk windowed at 1280x800 on SDL's offscreen driver
# (unless DISPLAY is set), waits 2 s, then reads /proc/PID/stat (utime +
# stime, clock ticks) and /proc/PID/status (voluntary context switches: the
# wake-ups) 4 s apart. Prints one line per run and build.
set -eu
new=$1 old=$2 runs=${3:-5}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "${DISPLAY:-}" ] || export SDL_VIDEODRIVER=offscreen
export QUIZKIOSK_DATA="$src"
tick=$(getconf CLK_TCK)
one() { # label binary
  "$2" "$src/scripts/apps/demo" --db "$work/idle.db" --window 1280x800 >/dev/null 2>&1 &
  pid=$!
  sleep 2
  c1=$(awk '{print $14 + $15}' /proc/$pid/stat)
  w1=$(awk '/^voluntary_ctxt_switches/ {print $2}' /proc/$pid/status)
  sleep 4
  c2=$(awk '{print $14 + $15}' /proc/$pid/stat)
  w2=$(awk '/^voluntary_ctxt_switches/ {print $2}' /proc/$pid/status)
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$1 cpu_ms_per_4s $(( (c2 - c1) * 1000 / tick )) wakeups_per_4s $((w2 - w1))"
}
i=0
while [ "$i" -lt "$runs" ]; do
  one old "$old"
  one new "$new"
  i=$((i + 1))
done
