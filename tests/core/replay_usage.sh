#!/bin/sh
# replay_usage.sh QUIZKIOSK SRC — mistakes in how a replay is run are usage
# errors at start (exit 2, a clear message), before any app starts:
#   - a replay with a `shot` line run without --shots names the line;
#   - --seed / --clock without --replay, and a bad --clock date.
set -u
qk=$1 src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failed=0
check() { # NAME EXPECTED_RC PATTERN -- command...
  name=$1 want=$2 pattern=$3
  shift 4
  "$@" >"$dir/out" 2>&1
  rc=$?
  if [ "$rc" -eq "$want" ] && grep -q -- "$pattern" "$dir/out"; then
    echo "ok   $name"
  else
    echo "FAIL $name (exit $rc, want $want and \"$pattern\"):"; cat "$dir/out"; failed=$((failed + 1))
  fi
}
printf 'expect Start screen\ntap runtime\nshot after_tap\n' > "$dir/shot.replay"
check shot_without_shots 2 "shot.replay:3: 'shot after_tap' saves a screenshot, but no --shots DIR was given" -- \
  "$qk" "$src/tests/core/apps/faults" --headless --replay "$dir/shot.replay" --db "$dir/a.db"
# Nothing ran: the app never started, so its database was never created.
if [ -e "$dir/a.db" ]; then echo "FAIL shot_without_shots: the app ran before the usage error"; failed=$((failed + 1)); fi
check seed_needs_replay 2 "are for replays" -- "$qk" "$src/tests/core/apps/faults" --headless --seed 7 --db "$dir/b.db"
check bad_clock 2 "bad --clock date" -- "$qk" "$src/tests/core/apps/faults" --headless --clock 2026-13-01 \
  --replay "$dir/shot.replay" --shots "$dir/s"
# With --shots the same replay runs (and the shot is written).
check shot_with_shots 0 "all held" -- \
  "$qk" "$src/tests/core/apps/faults" --headless --replay "$dir/shot.replay" --shots "$dir/s" --db "$dir/c.db"
[ -f "$dir/s/after_tap.png" ] || { echo "FAIL shot_with_shots: no after_tap.png"; failed=$((failed + 1)); }
echo "replay usage: $failed failed"
[ $failed -eq 0 ]
