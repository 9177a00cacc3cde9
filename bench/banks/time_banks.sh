#!/bin/sh
# time_banks.sh [RUNS] — how long a big question bank takes to start a
# session and show the first question, side by side with main's code (the
# main checkout and its build: /work/main, or OLD_DATA and OLD_QK), on the
# same banks. Runs are interleaved; prints median and range of the process's
# CPU time (user + system: the replay's virtual waits sleep, so wall time
# says little) for
#   welcome: process start -> the set loaded (parts, hash, index in the
#            background) -> the welcome screen                (replay welcome.replay)
#   first:   the same, then a tap on 开始 -> the first question (replay first.replay)
# and "ok" or the error the kiosk showed (a tripped time or memory limit).
# The session's own start is first - welcome. Default limits throughout.
#   sh bench/banks/time_banks.sh 5      (from the worktree, after a release build)
set -u
runs=${1:-5}
src=$(cd "$(dirname "$0")/../.." && pwd)
qk=${QK:-$src/build/quizkiosk}
old_qk=${OLD_QK:-/work/main/build/quizkiosk}
old_data=${OLD_DATA:-/work/main}
work=${WORK:-/tmp/qk-banks}
mkdir -p "$work" || exit 1
gen() { [ -d "$work/$1" ] || python3 "$src/bench/banks/make_bank.py" $2 "$work/$1" $3 >/dev/null || exit 1; }
gen n10k1 10000 ""
gen n100k 100000 "--parts 40"
gen n100kd 100000 "--parts 40 --draw 5"
printf 'wait 5000\nexpect 题库\n' > "$work/welcome.replay"
printf 'wait 5000\ntap 开始\nexpect 第 1 题 /\n' > "$work/first.replay"

# one KIND(new|old) BANK REPLAY -> appends "seconds status" to $work/t.KIND.BANK.REPLAY
one() {
  if [ "$1" = new ]; then bin=$qk data=$src; else bin=$old_qk data=$old_data; fi
  rm -f "$work/db"*
  # Each side keeps its own font match cache, as a kiosk does: two builds
  # sharing one (main's and this one record different font modules) make
  # every start a cache miss that loads fontconfig (~10 ms more each).
  mkdir -p "$work/cache.$1"
  out=$(XDG_CACHE_HOME=$work/cache.$1 QUIZKIOSK_DATA=$data SDL_VIDEODRIVER=offscreen /usr/bin/time -f 'CPU %U %S' "$bin" "$work/$2" --headless \
        --window 1280x800 --db "$work/db" --replay "$work/$3.replay" 2>&1)
  rc=$?
  cpu=$(echo "$out" | awk '/^CPU /{ print $2 + $3 }')
  if [ $rc = 0 ]; then st=ok; else st=$(echo "$out" | grep -o 'script took too long\|too much memory\|at most [0-9]* MiB\|No such file or directory\|Invalid argument\|watchdog' | head -1 | tr ' ' _); fi
  echo "$cpu ${st:-failed}" >> "$work/t.$1.$2.$3"
}
rm -f "$work"/t.*
cases="new:n10k1 old:n10k1 new:n100kd old:n100kd new:n100k old:n100k"
i=0
while [ $i -lt "$runs" ]; do
  for c in $cases; do
    for r in welcome first; do one "${c%%:*}" "${c#*:}" $r; done
  done
  i=$((i + 1))
done
printf '%-5s %-7s %-8s %s\n' code bank replay "median s [min-max] (status of each run)"
for c in $cases; do
  for r in welcome first; do
    f="$work/t.${c%%:*}.${c#*:}.$r"
    sort -n "$f" | awk -v c="${c%%:*}" -v b="${c#*:}" -v r=$r '
      { t[NR] = $1; s = s " " $2 }
      END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%-5s %-7s %-8s %.2f [%.2f-%.2f] (%s )\n", c, b, r, m, t[1], t[NR], s }'
  done
done
rm -f "$work/db"*
