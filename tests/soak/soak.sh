#!/bin/sh
# soak.sh QUIZKIOSK SRC WORKDIR VISITORS EVERY WARMUP [MAX_HEAP_KIB [MAX_LUA_KIB]]
#
# Plays VISITORS trade-fair visitors one after the other in ONE kiosk process
# (tests/soak/visitors.sh writes the replay; each visitor gets a fresh VM
# through kiosk.restart(), as at a real fair) and prints what the runtime
# reports about its memory every EVERY visitors: the Lua heap of the VM, the
# bytes malloc has handed out (mallinfo2, or ASan's own counter in the
# sanitizer build) and the RSS. Then the growth from visitor WARMUP to the
# last one, in total and per visitor.
#
# With MAX_HEAP_KIB it is a pass/fail test: the malloc'ed bytes may grow by
# at most MAX_HEAP_KIB after warm-up (and the Lua heap, measured at the same
# screen every time, by at most MAX_LUA_KIB, default 64). Heap bytes, not
# RSS: they are counted inside the process and the same from run to run,
# where RSS depends on what malloc keeps and the kernel lends. The clock is
# the replay's virtual one and the wall clock is fixed: every run plays the
# same games.
set -u
qk=$1 src=$2 work=$3 visitors=$4 every=$5 warmup=$6 max_heap=${7:-} max_lua=${8:-64}
if [ $((warmup % every)) -ne 0 ] || [ $((visitors % every)) -ne 0 ] || [ "$warmup" -ge "$visitors" ]; then
  echo "soak: WARMUP and VISITORS must be multiples of EVERY, WARMUP < VISITORS" >&2
  exit 2
fi
rm -rf "$work"
mkdir -p "$work"
sh "$src/tests/soak/visitors.sh" "$visitors" "$every" > "$work/visitors.replay" || exit 2
# A generous per-call limit: the sanitizer build is slow, and this test is
# about memory, not time.
QUIZKIOSK_WALL_START_MS=1795000000000 "$qk" "$src/scripts/apps/trade_fair" --headless --window 1280x800 \
  --time-limit 10000 --replay "$work/visitors.replay" --db "$work/soak.db" > "$work/out.txt" 2> "$work/err.txt"
rc=$?
grep '^memory ' "$work/out.txt"
if [ $rc -ne 0 ] || ! grep -q 'all held' "$work/out.txt"; then
  echo "soak: the replay did not finish (exit $rc):"
  tail -n 5 "$work/err.txt" "$work/out.txt"
  exit 1
fi
# memory visitor-K: vms N lua B heap B rss B
awk -v w="visitor-$warmup:" -v last="visitor-$visitors:" -v n="$((visitors - warmup))" \
    -v want_vms="$((visitors + 1))" -v max_heap="$max_heap" -v max_lua="$max_lua" '
  $1 == "memory" && $2 == w { lua0 = $6; heap0 = $8; rss0 = $10; seen0 = 1 }
  $1 == "memory" && $2 == last { vms = $4; lua1 = $6; heap1 = $8; rss1 = $10; seen1 = 1 }
  END {
    if (!seen0 || !seen1) { print "soak: missing memory reports"; exit 1 }
    if (vms != want_vms) { printf "soak: %d VMs started, want %d (one per visitor)\n", vms, want_vms; exit 1 }
    dh = heap1 - heap0; dl = lua1 - lua0; dr = rss1 - rss0
    printf "after warm-up (%s -> %s, %d visitors):\n", substr(w, 1, length(w) - 1), substr(last, 1, length(last) - 1), n
    printf "  heap %+.1f KiB (%+.0f B/visitor), Lua %+.1f KiB, RSS %+.2f MiB (%+.0f B/visitor)\n",
           dh / 1024, dh / n, dl / 1024, dr / 1048576, dr / n
    if (max_heap == "") exit 0
    bad = 0
    if (dh > max_heap * 1024) { printf "FAIL: heap grew %.1f KiB, limit %d KiB\n", dh / 1024, max_heap; bad = 1 }
    if (dl > max_lua * 1024) { printf "FAIL: Lua heap grew %.1f KiB, limit %d KiB\n", dl / 1024, max_lua; bad = 1 }
    if (!bad) printf "ok: heap growth within %d KiB\n", max_heap
    exit bad
  }' "$work/out.txt"
