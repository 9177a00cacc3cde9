#!/bin/sh
# bench/fair/run.sh — the trade fair's animated frames and its idle time
# between questions (issue 15), in real time on SDL's offscreen driver
# (software renderer), as bench/README.md describes:
#   * CPU ms per animated frame, by part of the question loop: the 3-2-1
#     lead-in, the tiles' entrance, the time bar's steps, the reveal (tiles
#     dimming, badge, points counting up, streak badge), the top five's card
#     rising. QUIZKIOSK_BENCH=frames prints the drawing thread's CPU time
#     for each frame presented; bench/fair/app marks each part in the log
#     (same file, in order). Question 1 is left out (its text is rasterised
#     cold); questions 2 and 3 count.
#   * idle CPU between questions: the kiosk process's CPU time (os.clock)
#     over 2.5 s of the top five's still time (after its card has risen,
#     before the next question), questions 2 and 3; beside it the same
#     kind of window (5 s) of a still screen (bench/attract/still,
#     /proc/PID/stat), the main loop's own floor on this driver.
# Runs are interleaved: for each run, each size: the game, then the still screen.
#   sh bench/fair/run.sh BUILD_DIR [RUNS=3] [SIZES="1280x800 1920x1080 3840x2160"]
set -eu
build=${1:?usage: run.sh BUILD_DIR [RUNS] [SIZES]}
runs=${2:-3}
sizes=${3:-"1280x800 1920x1080 3840x2160"}
src=$(cd "$(dirname "$0")/../.." && pwd)
qk=$build/quizkiosk
[ -x "$qk" ] || { echo "no $qk" >&2; exit 2; }
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
hz=$(getconf CLK_TCK)
PARTS="lead_in entrance bar reveal board"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# game SIZE TAG: plays questions 1-3 (about 35 s), then stops the kiosk.
game() {
  size=$1 tag=$2
  rm -f "$tmp/db"
  QUIZKIOSK_BENCH=frames SDL_VIDEODRIVER=offscreen QUIZKIOSK_DATA=$src \
    "$qk" "$src/bench/fair/app" --window "$size" --db "$tmp/db" > "$tmp/$tag.out" 2>&1 &
  pid=$!
  for _ in $(seq 1 900); do
    grep -q "bench-done" "$tmp/$tag.out" 2>/dev/null && break
    sleep 0.1
  done
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  pid=
  grep -q "bench-done" "$tmp/$tag.out" || { echo "the game did not finish ($tag)" >&2; exit 1; }
  # frames by part, questions 2 and 3: "part ms"
  awk '/bench-part/ { part = $NF; if (part == "lead_in") q++; next }
       /^frame-cpu/ && q >= 2 && q <= 3 { print part, $2 }' "$tmp/$tag.out" > "$tmp/$tag.frames"
  # idle: CPU ms per second of the board's still time, questions 2 and 3
  awk '/bench-idle/ { k++; if (k >= 2) printf "%.1f\n", $(NF - 1) * 1000 / $NF }' "$tmp/$tag.out" > "$tmp/$tag.idle"
}

# still SIZE TAG: the welcome screen alone; CPU from 4 to 9 s after launch
# (5 s: /proc counts in clock ticks of 10 ms).
still() {
  size=$1 tag=$2
  rm -f "$tmp/db"
  SDL_VIDEODRIVER=offscreen QUIZKIOSK_DATA=$src "$qk" "$src/bench/attract/still" --window "$size" \
    --db "$tmp/db" > /dev/null 2>&1 &
  pid=$!
  sleep 4
  t1=$(cpu_ticks $pid)
  sleep 5
  t2=$(cpu_ticks $pid)
  kill $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  pid=
  echo "$(( (t2 - t1) * 1000 / hz / 5 ))" > "$tmp/$tag.idle"
}

# median and range of the numbers on stdin: "MED (MIN-MAX)"
stats() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit }
  m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f (%.2f-%.2f)", m, v[1], v[NR] }'; }
# the median of a run's frames of one part
med() { awk -v p="$1" '$1 == p { print $2 }' "$2" | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
# the slowest frame of a run's part
worst() { awk -v p="$1" '$1 == p { print $2 }' "$2" | sort -n | tail -1; }

for r in $(seq 1 "$runs"); do
  for size in $sizes; do
    game "$size" "game-$size-$r"
    still "$size" "still-$size-$r"
  done
done

echo "trade fair, $runs runs interleaved; medians (range over runs) of each run's median frame; $(date -u '+%Y-%m-%d %H:%M UTC')"
printf '%-10s | %-9s | %-22s | %-22s | %-8s\n' size part "CPU ms per frame" "slowest frame, ms" "frames"
for size in $sizes; do
  for part in $PARTS; do
    m=$(for r in $(seq 1 "$runs"); do med "$part" "$tmp/game-$size-$r.frames"; done | stats)
    w=$(for r in $(seq 1 "$runs"); do worst "$part" "$tmp/game-$size-$r.frames"; done | stats)
    n=$(for r in $(seq 1 "$runs"); do awk -v p="$part" '$1 == p' "$tmp/game-$size-$r.frames" | wc -l; done | stats | sed 's/\.00//g')
    printf '%-10s | %-9s | %-22s | %-22s | %s\n' "$size" "$part" "$m" "$w" "$n"
  done
done
printf '\n%-10s | %-34s | %s\n' size "idle CPU ms/s, top five between questions" "still screen (baseline)"
for size in $sizes; do
  gi=$(for r in $(seq 1 "$runs"); do cat "$tmp/game-$size-$r.idle"; done | stats)
  si=$(for r in $(seq 1 "$runs"); do cat "$tmp/still-$size-$r.idle"; done | stats)
  printf '%-10s | %-34s | %s\n' "$size" "$gi" "$si"
done
