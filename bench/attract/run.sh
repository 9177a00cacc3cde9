#!/bin/sh
# bench/attract/run.sh — the attract loop's cost (issue 14), in real time on
# SDL's offscreen driver (software renderer), as bench/README.md describes:
#   * CPU ms per animated frame: QUIZKIOSK_BENCH=frames prints the drawing
#     thread's CPU time for every frame presented; frames come only while a
#     slide fades, so after the first SKIP frames (cold: the welcome screen
#     and the first slide's text being rasterised) every frame is a fade frame;
#   * CPU while idle between slides: the kiosk process's user+system time
#     (/proc/PID/stat) over a window inside a slide's still 7 s, and its
#     voluntary context switches there (wake-ups), side by side with the
#     same welcome screen without the loop (bench/attract/still).
# Runs are interleaved: for each run, each size, loop then still.
#   sh bench/attract/run.sh BUILD_DIR [RUNS=5] [SIZES="1280x800 1920x1080 3840x2160"]
set -eu
build=${1:?usage: run.sh BUILD_DIR [RUNS] [SIZES]}
runs=${2:-5}
sizes=${3:-"1280x800 1920x1080 3840x2160"}
src=$(cd "$(dirname "$0")/../.." && pwd)
qk=$build/quizkiosk
[ -x "$qk" ] || { echo "no $qk" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
SKIP=12
hz=$(getconf CLK_TCK)

# cpu_ticks PID -> utime+stime in clock ticks; switches PID -> voluntary ctxt switches
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
switches() { awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$1/status"; }

# one APP SIZE TAG: runs the kiosk 12 s; the loop starts ~0.5 s after the
# welcome screen, fades in until ~1.5 s, is still until ~8.5 s: the idle
# window is 4.0 .. 8.0 s after launch (start-up under 2 s).
one() {
  app=$1 size=$2 tag=$3
  rm -f "$tmp/db"
  QUIZKIOSK_BENCH=frames SDL_VIDEODRIVER=offscreen QUIZKIOSK_DATA=$src \
    "$qk" "$src/bench/attract/$app" --window "$size" --db "$tmp/db" > "$tmp/$tag.out" 2>/dev/null &
  pid=$!
  sleep 4
  t1=$(cpu_ticks $pid) s1=$(switches $pid)
  sleep 4
  t2=$(cpu_ticks $pid) s2=$(switches $pid)
  sleep 4 # past the next fade (8.5 .. 9.5 s)
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  echo "$(( (t2 - t1) * 1000 / hz )) $((s2 - s1))" > "$tmp/$tag.idle"
  # median CPU ms of the animated frames (after the cold ones), and their count
  awk -v skip=$SKIP '/^frame-cpu/ { n++; if (n > skip) print $2 }' "$tmp/$tag.out" | sort -n > "$tmp/$tag.frames"
}

# median and range of the numbers on stdin: "MED (MIN-MAX)"
stats() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit }
  m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f (%.2f-%.2f)", m, v[1], v[NR] }'; }

for r in $(seq 1 "$runs"); do
  for size in $sizes; do
    one app "$size" "loop-$size-$r"
    one still "$size" "still-$size-$r"
  done
done

echo "attract loop, $runs runs interleaved; medians (range over runs); $(date -u '+%Y-%m-%d %H:%M UTC')"
printf '%-10s | %-26s | %-8s | %-22s | %-18s | %-22s | %s\n' size "CPU ms per animated frame" frames \
  "idle CPU ms / 4 s, loop" "wake-ups, loop" "idle CPU ms / 4 s, still" "wake-ups, still"
for size in $sizes; do
  med=$(for r in $(seq 1 "$runs"); do f=$tmp/loop-$size-$r.frames
        [ -s "$f" ] && awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }' "$f"; done | stats)
  nfr=$(for r in $(seq 1 "$runs"); do wc -l < "$tmp/loop-$size-$r.frames"; done | stats)
  li=$(for r in $(seq 1 "$runs"); do cut -d' ' -f1 "$tmp/loop-$size-$r.idle"; done | stats)
  lw=$(for r in $(seq 1 "$runs"); do cut -d' ' -f2 "$tmp/loop-$size-$r.idle"; done | stats)
  si=$(for r in $(seq 1 "$runs"); do cut -d' ' -f1 "$tmp/still-$size-$r.idle"; done | stats)
  sw=$(for r in $(seq 1 "$runs"); do cut -d' ' -f2 "$tmp/still-$size-$r.idle"; done | stats)
  printf '%-10s | %-26s | %-8s | %-22s | %-18s | %-22s | %s\n' "$size" "$med" "$nfr" "$li" "$lw" "$si" "$sw"
done
