#!/bin/sh
# malformed.sh QUIZKIOSK SRC WORK — bad input gives a clear, located message
# and a plain exit code (1 for problems, 2 for usage), never a crash
# (a signal would show as an exit code above 128; the sanitizer build
# turns any memory error into a failure of this script too).
set -u
qk=$1 src=$2 work=$3
F=$src/tests/import/fixtures
rm -rf "$work" && mkdir -p "$work"
status=0
# expect NAME RC TEXT -- ARGS...: runs quizkiosk ARGS, wants exit RC and TEXT in the output.
expect() {
  name=$1 want_rc=$2 text=$3
  shift 4
  out=$("$qk" "$@" 2>&1)
  rc=$?
  if [ $rc -ne "$want_rc" ]; then
    printf 'FAIL %s: exit %s, want %s\n%s\n' "$name" "$rc" "$want_rc" "$out"; status=1; return
  fi
  if ! printf '%s\n' "$out" | grep -qF -- "$text"; then
    printf 'FAIL %s: output lacks "%s"\n%s\n' "$name" "$text" "$out"; status=1; return
  fi
  echo "ok   $name"
}

expect no_answer 1 "no_answer.txt:3: skipped: no answer line" -- import "$F/bad/no_answer.txt" --out "$work/a"
expect no_answer_allowed 0 "wrote $work/b/questions.lua: 1 questions" -- import "$F/bad/no_answer.txt" --out "$work/b" --allow-skips
expect out_of_range 1 "out_of_range.txt:3: skipped: answer E not among the options (A–D)" -- import "$F/bad/out_of_range.txt" --out "$work/c"
expect out_of_range_multi 1 "out_of_range.txt:13: skipped: answer C not among the options (A–B)" -- import "$F/bad/out_of_range.txt" --out "$work/c"
expect nothing_left 1 "no questions found; nothing written" -- import "$F/bad/out_of_range.txt" --out "$work/c"
[ -e "$work/c/questions.lua" ] && { echo "FAIL nothing_left: questions.lua written"; status=1; }
expect duplicate 1 "duplicate.txt:5: skipped: duplicate stem of t1 (duplicate.txt:3)" -- import "$F/bad/duplicate.txt" --out "$work/d"
expect not_truefalse 1 "duplicate.txt:7: skipped: answer \"也许\" is not true/false" -- import "$F/bad/duplicate.txt" --out "$work/d"
expect missing_file 1 "nope.txt: skipped: cannot read the file: No such file or directory" -- import "$work/nope.txt" --out "$work/e"
# Binary garbage: 64 KiB from a fixed linear congruential sequence (NUL bytes and all).
awk 'BEGIN { x = 12345; for (i = 0; i < 65536; i++) { x = (x * 1103515245 + 12345) % 2147483648; printf "%c", int(x / 65536) % 256 } }' > "$work/garbage.txt"
[ "$(wc -c < "$work/garbage.txt")" -eq 65536 ] || { echo "FAIL: garbage is $(wc -c < "$work/garbage.txt") bytes"; status=1; }
expect garbage_auto 1 "garbage.txt: skipped: binary data that no format here reads" -- import "$work/garbage.txt" --out "$work/f"
expect garbage_doc 1 "garbage.txt: skipped: binary data, not text" -- import "$work/garbage.txt" --out "$work/f" --format doc
expect garbage_gift 1 "garbage.txt: skipped: binary data, not text" -- import "$work/garbage.txt" --out "$work/f" --format gift
# Not UTF-8: Latin-1 bytes.
printf '1. caf\351?\nA. oui\nB. non\nANSWER: A\n' > "$work/latin1.txt"
expect not_utf8 1 "latin1.txt: skipped:" -- import "$work/latin1.txt" --out "$work/g" --format aiken
expect unknown_format 1 "format 'nosuch' is not available" -- import "$F/paper.txt" --out "$work/h" --format nosuch
expect usage_no_out 2 "--out APP_DIR is required" -- import "$F/paper.txt"
expect usage_unknown 2 "unknown option --bogus" -- import "$F/paper.txt" --out "$work/h" --bogus
expect check_broken 1 "questions.lua:7: question s1: answer E is not among the options" -- check "$F/broken_app"
expect check_broken_dup 1 "questions.lua:8: question s1: duplicate id" -- check "$F/broken_app"
expect check_broken_opts 1 "questions.lua:9: question m1: needs at least 2 options" -- check "$F/broken_app"
expect check_broken_stem 1 "questions.lua:10: question s3: the same stem as question s1" -- check "$F/broken_app"
expect check_missing 1 "is not a folder" -- check "$work/nosuch"
# A 5 MB document: 12,000 questions; every one imported, none lost.
awk 'BEGIN { print "一、单选题(每题1分)"; for (i = 1; i <= 12000; i++) {
  printf "%d.第%d个问题：客户服务专员在处理第%d类投诉时，以下哪项做法最符合规范要求并能体现首问负责制的原则？\n", i, i, i
  print "A.将问题转交给其他部门后不再跟进，等待客户再次来电"; print "B.无论问题复杂与否，均由受理人全程负责直至问题解决"
  print "C.仅在客户情绪激动时才提供重点服务并记录"; print "D.对超出权限的问题直接拒绝客户请求"
  print "答案：B"; print "解析：首问负责制要求受理人对客户问题负责到底，直至问题解决或合理转交，体现全程服务意识。" } }' > "$work/big.txt"
size=$(wc -c < "$work/big.txt")
[ "$size" -ge 5000000 ] || { echo "FAIL big: only $size bytes"; status=1; }
expect big_document 0 "wrote $work/i/questions.lua: 12000 questions" -- import "$work/big.txt" --out "$work/i"
expect big_check 0 "ok: 12000 questions" -- check "$work/i"
exit $status
