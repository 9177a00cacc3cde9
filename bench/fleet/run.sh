#!/usr/bin/env bash
# bench/fleet/run.sh BUILD_DIR [RUNS] — the fleet figures (bench/README.md):
#   1. UI-thread time per answer, sync off vs on (interleaved runs);
#   2. sync throughput to a local server (answers/s, records/s);
#   3. commit on kiosk A -> visible on kiosk B's leaderboard.
# A throwaway PostgreSQL 15 on a unix socket (tests/fleet/pg.sh), stopped at
# the end. Needs the build with -DQK_TESTS=ON -DQK_BENCH=ON.
set -euo pipefail
B=$(cd "$1" && pwd) RUNS=${2:-5}
src=$(cd "$(dirname "$0")/../.." && pwd)
. "$src/tests/fleet/pg.sh"
work=$(mktemp -d)
trap 'pg_cleanup; rm -rf "$work"' EXIT
cd "$work"
pg_setup
pg_start
"$B/quizkiosk" fleet init --pg "$PG_URL" >/dev/null
pg_sql "CREATE ROLE kiosk LOGIN IN ROLE fleet_kiosk"
K="postgresql:///postgres?host=$PGDIR&port=$PGPORT&user=kiosk"
stats() { sort -n | awk '{v[NR]=$1} END {printf "median %.2f  range %.2f .. %.2f  (n=%d)\n", v[int((NR+1)/2)], v[1], v[NR], NR}'; }

echo "== 1. UI thread per answer (batch_begin, event, answer, batch_end), 300 taps per run"
: >off.txt; : >on.txt
for r in $(seq 1 "$RUNS"); do
  rm -f off.db* on.db*
  "$B/qk_bench_fleet_tap" off.db 300 | tee -a off.log | awk '{print $3}' >>off.txt
  "$B/qk_bench_fleet_tap" on.db 300 --pg "$K" | tee -a on.log | awk '{print $3}' >>on.txt
done
echo "sync off, median per run: $(stats <off.txt)"
echo "sync on,  median per run: $(stats <on.txt)"

echo "== 2. sync throughput: 200 exams (8 answers each) pushed by quizkiosk sync"
: >tp.txt
for r in $(seq 1 3); do
  rm -f tp.db*
  "$B/qk_fleet_kiosk" exams tp.db "tp-$r" 200 >/dev/null
  answers=$(sqlite3 tp.db "SELECT count(*) FROM answers")
  records=$(sqlite3 tp.db "SELECT count(*) FROM outbox")
  t0=$(date +%s%N)
  "$B/quizkiosk" sync --db tp.db --pg "$K" >/dev/null
  t1=$(date +%s%N)
  awk -v a="$answers" -v n="$records" -v ns=$((t1 - t0)) \
    'BEGIN {printf "%.0f answers/s (%d answers, %d records, %.0f records/s, %.2f s)\n", a/(ns/1e9), a, n, n/(ns/1e9), ns/1e9}' | tee -a tp.log
  awk -v a="$answers" -v ns=$((t1 - t0)) 'BEGIN {print a/(ns/1e9)}' >>tp.txt
done
echo "answers/s: $(stats <tp.txt)"

echo "== 3. commit on kiosk A -> on kiosk B's leaderboard"
: >lat.txt
for r in $(seq 1 "$RUNS"); do
  rm -f A.db* B.db* ready
  "$B/qk_fleet_kiosk" watch B.db kiosk-B --pg "$K" --exam quiz --name "star-$r" --ready ready >watch.out &
  w=$!
  while [ ! -f ready ]; do sleep 0.05; done
  "$B/qk_fleet_kiosk" finish A.db kiosk-A --pg "$K" --exam quiz --name "star-$r" --score $((1000 + r)) >finish.out
  wait $w
  c=$(awk '/committed_at/ {print $2}' finish.out) s=$(sed -n 's/.*seen_at \([0-9]*\).*/\1/p' watch.out)
  echo $((s - c)) | tee -a lat.txt
done
echo "commit -> other kiosk's board, ms: $(stats <lat.txt)"
