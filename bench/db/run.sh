#!/usr/bin/env bash
# bench/db/run.sh [BUILD_DIR] — the big-results-database figures of issue 11
# item 5, against the goals and side by side with the store before that
# work (the "base": opens with PRAGMA quick_check every time, sorts the
# whole exam for the leaderboard, scans every session for stats, writes
# the CSV one character per fwrite).
#
#   BUILD_DIR   a build with -DQK_BENCH=ON (default: build); needs
#               qk_db_gen and qk_db_bench from bench/db/bench.cmake.
#   QK_DB_BASE  the commit whose runtime/store is the base (default below)
#   QK_DB_RUNS  runs of each figure (default 7), base and new interleaved
#   QK_DB_ONLY  figures to run, a space-separated subset of
#               "open board stats export options xlsx" (default: all);
#               "options" is the CSV export of a database whose sessions
#               recorded their option texts (qk_db_gen --options), as a
#               kiosk's do today
#   QK_DB_DIR   where the databases go (default /tmp/qk-bench-db; about
#               1.2 GB; kept between runs, made again when missing)
#   QUIZKIOSK_EXPORT_THREADS  1 or 2: the new store's CSV export on one thread or
#               with its writer thread (default: the thread only when the
#               load average leaves a core free, runtime/store/export_pipe.c)
#
# Every figure is the median of the runs with the range [min-max]; wall
# time and the process's CPU time (user + system) are both shown: on a
# machine other work keeps busy the wall time swings, the CPU time less.
# The exact command of each figure is printed under it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
base_commit=${QK_DB_BASE:-e196dae}
runs=${QK_DB_RUNS:-7}
dir=${QK_DB_DIR:-/tmp/qk-bench-db}
only=" ${QK_DB_ONLY:-open board stats export options xlsx} "
mkdir -p "$dir"
new_gen=$build/qk_db_gen new=$build/qk_db_bench
[ -x "$new" ] && [ -x "$new_gen" ] || { echo "build $build with -DQK_BENCH=ON first" >&2; exit 2; }

# The base: the same bench tool built against the base commit's store.
basebin=$dir/base-$base_commit
if [ ! -x "$basebin/qk_db_bench" ] || [ "$root/bench/db/gen.c" -nt "$basebin/qk_db_gen" ] ||
   [ "$root/bench/db/dbbench.c" -nt "$basebin/qk_db_bench" ]; then
  rm -rf "$basebin" && mkdir -p "$basebin/src"
  git -C "$root" archive "$base_commit" runtime/store | tar -x -C "$basebin/src"
  for tool in gen dbbench; do
    cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$basebin/src/runtime/store" \
      "$basebin"/src/runtime/store/*.c "$root/bench/db/$tool.c" -o "$basebin/qk_db_$tool" \
      $(pkg-config --cflags --libs sqlite3 libsodium) -lm
  done
  mv "$basebin/qk_db_dbbench" "$basebin/qk_db_bench"
fi
base=$basebin/qk_db_bench

# The databases: made once by the base (its schema), then a copy for the
# new store, which migrates it on its first open (timed once, below).
# With --options the base's schema has no place for the option texts (it
# predates them): its copy has the same sessions and answers without them,
# and the new store's copy gets them after its migration.
make_db() { # NAME SESSIONS ANSWERS_EACH [--options]
  if [ ! -f "$dir/$1-base.db" ]; then
    rm -f "$dir/$1"-*.db*
    "$basebin/qk_db_gen" "$dir/$1-base.db" "$2" "$3" ${4:-} >/dev/null
  fi
  if [ ! -f "$dir/$1-new.db" ]; then
    cp "$dir/$1-base.db" "$dir/$1-new.db"
    echo "migrating $1 to the new schema (once): $("$new" open "$dir/$1-new.db" | cut -d' ' -f1) ms"
    if [ -n "${4:-}" ]; then "$new_gen" --record-options "$dir/$1-new.db" >/dev/null; fi
  fi
}
[[ $only == *" open "* || $only == *" board "* || $only == *" stats "* ]] && make_db 1m 1000000 5
[[ $only == *" export "* || $only == *" xlsx "* ]] && make_db 100k 100000 10
[[ $only == *" options "* ]] && make_db 100k-opt 100000 10 --options

# median [min-max] of column COL of the lines in FILE
mstat() { cut -d' ' -f"$2" "$1" | sort -n | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.1f [%.1f-%.1f]", m, v[1], v[NR]}'; }
median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{v[NR]=$1} END {print NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# figure NAME GOAL_MS OP DB [OUT]: base and new interleaved, runs times each;
# run when QK_DB_ONLY names OP (or KEY, when set).
figure() {
  local name=$1 goal=$2 op=$3 db=$4 out=${5:-}
  [[ $only == *" ${KEY:-$op} "* ]] || return 0
  : >"$dir/t-base" && : >"$dir/t-new"
  for _ in $(seq "$runs"); do
    "$base" "$op" "$dir/$db-base.db" ${out:+"$dir/base-$out"} 2>/dev/null >>"$dir/t-base"
    "$new" "$op" "$dir/$db-new.db" ${out:+"$dir/new-$out"} 2>/dev/null >>"$dir/t-new"
  done
  local bw nw bc nc
  bw=$(median "$dir/t-base" 1) nw=$(median "$dir/t-new" 1) bc=$(median "$dir/t-base" 2) nc=$(median "$dir/t-new" 2)
  printf '%-34s goal %-9s  base wall %-26s cpu %-26s\n' "$name" "$goal" "$(mstat "$dir/t-base" 1)" "$(mstat "$dir/t-base" 2)"
  printf '%-34s %14s  new  wall %-26s cpu %-26s\n' "" "" "$(mstat "$dir/t-new" 1)" "$(mstat "$dir/t-new" 2)"
  awk -v bw="$bw" -v nw="$nw" -v bc="$bc" -v nc="$nc" -v g="$goal" 'BEGIN {
    lim = g + 0; met = (g ~ /x$/) ? (bw / nw >= lim && bc / nc >= lim) : (nw <= lim)
    printf "%-34s %14s  new is %.1fx faster (wall), %.1fx (cpu): goal %s\n", "", "", bw / nw, bc / nc, met ? "met" : "NOT met" }'
  echo "    command: $new $op $dir/$db-new.db${out:+ $dir/new-$out}   (base: $base ...)"
}

echo "== bench/db: results databases ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $runs runs each, ms)"
figure "open 1M sessions" 50 open 1m
figure "leaderboard top 10 + rank, 1M" 5 board 1m
figure "stats (all, today, per exam), 1M" 50 stats 1m
figure "CSV export, 100k sessions" 5x export 100k out.csv
written() { # OUT: the size and speed of the new CSV of the last figure
  size=$(($(stat -c %s "$dir/new-$1.csv") + $(stat -c %s "$dir/new-$1_answers.csv")))
  echo "    CSV written: $((size / 1048576)) MiB (sessions + answers); new: $(awk -v s="$size" -v t="$(median "$dir/t-new" 1)" 'BEGIN {printf "%.0f", s / 1048576 / (t / 1000)}') MiB/s wall"
}
[[ $only == *" export "* ]] && written out
# The base cannot write option texts (its store predates them): it exports
# the same sessions and answers without them, the new store with them.
KEY=options figure "CSV export, 100k, options recorded" 5x export 100k-opt opt.csv
[[ $only == *" options "* ]] && written opt
[[ $only == *" xlsx "* ]] || exit 0
: >"$dir/t-xlsx"
for _ in 1 2 3; do "$new" xlsx "$dir/100k-new.db" "$dir/new-out.xlsx" 2>/dev/null >>"$dir/t-xlsx"; done
printf '%-34s %14s  new  wall %-26s cpu %-26s\n' "xlsx export, 100k sessions" "(no base)" "$(mstat "$dir/t-xlsx" 1)" "$(mstat "$dir/t-xlsx" 2)"
echo "    command: $new xlsx $dir/100k-new.db $dir/new-out.xlsx   ($(($(stat -c %s "$dir/new-out.xlsx") / 1048576)) MiB)"
