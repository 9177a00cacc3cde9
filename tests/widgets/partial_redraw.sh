#!/bin/sh
# partial_redraw.sh QUIZKIOSK IMGDIFF APP REPLAY WxH WORKDIR SHOT...
# The software renderer redraws only what changed between frames
# (runtime/core/draw_frame.c). Runs the replay twice — as the kiosk runs,
# and with every frame drawn whole (QUIZKIOSK_BENCH=whole) — and requires
# each named shot to be the same to the pixel.
set -u
qk=$1 diff=$2 app=$3 replay=$4 size=$5 work=$6
shift 6
rm -rf "$work" && mkdir -p "$work/partial" "$work/whole" || exit 1
"$qk" "$app" --headless --window "$size" --replay "$replay" --shots "$work/partial" --db "$work/p.db" >/dev/null || exit 1
QUIZKIOSK_BENCH=whole "$qk" "$app" --headless --window "$size" --replay "$replay" --shots "$work/whole" \
  --db "$work/w.db" >/dev/null || exit 1
status=0
for shot in "$@"; do
  "$diff" "$work/partial/$shot.png" "$work/whole/$shot.png" 0 0 || status=1
done
exit $status
