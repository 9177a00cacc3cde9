#!/bin/sh
# import_bench.sh QUIZKIOSK SRC [RUNS] — importing and checking a
# 10,000-question bank: wall time, CPU time (user + system) and peak memory
# (max RSS) of
#   A  quizkiosk import bank10k.xlsx --out A      (the workbook: zip + XML + sheet module)
#   B  quizkiosk import bank10k.txt  --out B      (baseline: the same size as document text, no zip or XML)
#   C  quizkiosk check A                           (the set validator on the imported set)
# interleaved A B C, A B C … RUNS times (default 7); prints the median and
# range of each. The workbook comes from tests/import_formats/make_bank.py
# (seeded: the same bank every run); the text from a fixed awk loop.
#   sh bench/import/import_bench.sh build/quizkiosk . 7
set -eu
qk=$1 src=$2 runs=${3:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QUIZKIOSK_DATA=${QUIZKIOSK_DATA:-$src}
/usr/bin/python3 "$src/tests/import_formats/make_bank.py" 10000 "$work/bank10k.xlsx" >/dev/null
awk 'BEGIN { print "一、单选题(每题2分)"; for (i = 1; i <= 10000; i++) {
  printf "%d.第%d题：客户服务专员在处理第%d类投诉时，以下哪项做法最符合规范要求？\n", i, i, i
  print "A.将问题转交给其他部门后不再跟进"; print "B.由受理人全程负责直至问题解决"
  print "C.仅在客户情绪激动时才提供重点服务"; print "D.对超出权限的问题直接拒绝客户请求"
  print "答案：B"; print "解析：首问负责制要求受理人对客户问题负责到底。" } }' > "$work/bank10k.txt"
ls -l "$work/bank10k.xlsx" "$work/bank10k.txt" | awk '{ print $5, $NF }'

# run NAME ARGS…: one timed run, "seconds kib" appended to $work/NAME.
run() {
  name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$qk" "$@" >"$work/out" 2>&1 || {
    rc=$?; [ $rc -eq 1 ] || { cat "$work/out"; exit 1; }  # 1 = some rows skipped: still a full import
  }
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/t" >> "$work/times_$name"
}
i=0
while [ $i -lt "$runs" ]; do
  run A import "$work/bank10k.xlsx" --out "$work/A" --allow-skips
  run B import "$work/bank10k.txt" --out "$work/B" --allow-skips
  run C check "$work/A"
  i=$((i + 1))
done
grep -E "^wrote|^total" "$work/out" || true
"$qk" check "$work/A" | tail -1
stats() { # median and range of column $2 of file $1
  sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { printf "median %s, range %s–%s", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
for n in A B C; do
  case $n in A) what="import bank10k.xlsx";; B) what="import bank10k.txt (baseline)";; C) what="check (10,000 questions)";; esac
  printf '%-32s wall s: %s; CPU s: %s; peak RSS KiB: %s\n' "$what" "$(stats "$work/times_$n" 1)" \
    "$(stats "$work/times_$n" 3)" "$(stats "$work/times_$n" 2)"
done
