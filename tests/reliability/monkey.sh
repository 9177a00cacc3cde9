#!/usr/bin/env bash
# monkey.sh QUIZKIOSK GEN SRC WORK EVENTS SEED [CHUNK] — random touches,
# drags, keys and typed text on every bundled app (demo, cs_specialist,
# cs_manager, trade_fair) and the staff screen (the corner hold, then the
# PIN set beforehand with `quizkiosk set-pin`). For each app, EVENTS events
# from qk_monkey_gen (GEN), in runs of CHUNK events (default 2000): each
# run is a new process on the same database, with its own window size and
# a wall clock later than the last run's, as a kiosk restarted through the
# day would be.
# Fails on a crash (death by a signal, or an exit that is not the replay's
# own stop) or any sanitizer report. It also reports, without failing, the
# replays that stopped early (and went on in a new process) and the script
# errors the kiosk logged: findings to look at, not crashes.
# A failing run's replay is kept in WORK; it can also be made again with
#   GEN SEED' EVENTS WxH 2468 > r.replay   (SEED', EVENTS, WxH as printed)
set -u
qk=$1 gen=$2 src=$3 work=$4 events=$5 seed=$6 chunk=${7:-2000}
rm -rf "$work" && mkdir -p "$work" || exit 1
PIN=2468
T0=1795000000000
sizes=(1280x800 800x480 1080x1920 1920x1080)
apps=(demo cs_specialist cs_manager trade_fair)
crashes=0 early=0 errors=0 runs=0 staff=0
echo "monkey: $events events per app, seed $seed"
for i in "${!apps[@]}"; do
  a=${apps[$i]} db=$work/${apps[$i]}.db
  "$qk" set-pin --db "$db" $PIN >/dev/null || { echo "FAIL: set-pin on $db"; exit 1; }
  done_events=0 c=0
  while [ "$done_events" -lt "$events" ]; do
    n=$(( events - done_events < chunk ? events - done_events : chunk ))
    s=$(( seed * 100000 + i * 10000 + c ))
    size=${sizes[$(( c % ${#sizes[@]} ))]}
    r=$work/$a-$c.replay
    "$gen" $s $n "$size" $PIN > "$r" || { echo "FAIL: the generator"; exit 1; }
    # A replay that stops (a staff visit that found no PIN screen: its
    # "tap 完成" has nothing to tap) goes on in a new process from the line
    # after the one that stopped it, as a restarted kiosk would.
    from=1 total=$(wc -l < "$r") keep=0
    while [ "$from" -le "$total" ]; do
      tail -n +"$from" "$r" > "$r.part"
      QUIZKIOSK_WALL_START_MS=$(( T0 + runs * 86400000 )) "$qk" "$src/scripts/apps/$a" --headless \
        --window "$size" --db "$db" --replay "$r.part" > "$r.log" 2>&1
      status=$?
      runs=$((runs + 1))
      staff=$((staff + $(grep -c 'admin screen opened' "$r.log")))
      e=$(grep -c ' error: ' "$r.log")
      if [ "$e" -gt 0 ]; then
        errors=$((errors + e))
        echo "note: $a, seed $s (from line $from): $e script error(s), first: $(grep -m 1 ' error: ' "$r.log" | cut -c1-300)"
      fi
      if [ $status -ge 128 ] || grep -q 'Sanitizer\|runtime error:\|SUMMARY: ' "$r.log"; then
        echo "FAIL: $a, seed $s, $n events, $size, from line $from: exit $status (kept: $r.part, $r.log)"
        grep -m 8 'Sanitizer\|runtime error:\|SUMMARY: \|#[0-9] ' "$r.log"
        crashes=$((crashes + 1)) keep=1
        break
      fi
      [ $status -eq 0 ] && break
      # exit 1 without a report: the replay stopped; its message names the line
      line=$(sed -n 's/^replay [^:]*:\([0-9]*\): .*/\1/p' "$r.log" | head -n 1)
      if [ -z "$line" ]; then
        echo "FAIL: $a, seed $s, from line $from: exit $status without a replay message (kept: $r.part, $r.log)"
        tail -n 3 "$r.log"
        crashes=$((crashes + 1)) keep=1
        break
      fi
      case $(grep -m 1 '^replay ' "$r.log") in
        *'no interactive element labelled "完成"'*) ;;
        *) echo "note: $a, seed $s: $(grep -m 1 '^replay ' "$r.log" | cut -c1-300)" ;;
      esac
      early=$((early + 1))
      from=$((from + line))
    done
    [ $keep = 1 ] || rm -f "$r" "$r.part" "$r.log"
    done_events=$((done_events + n)) c=$((c + 1))
  done
  [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || { echo "FAIL: $a: integrity_check"; crashes=$((crashes + 1)); }
  echo "$a: $events events in $c runs, $(sqlite3 "$db" 'SELECT count(*) FROM sessions') sessions"
done
echo "monkey: $((events * ${#apps[@]})) events (seed $seed), $runs processes, $staff staff-screen visits: $crashes crashes or sanitizer reports, $early replays stopped early, $errors script errors logged"
[ "$crashes" = 0 ]
