#!/bin/sh
# cap_test.sh QUIZKIOSK WORK [KIOSK_ARGS] — a script file over the 32 MiB cap:
# the error screen says so (not a stale "No such file or directory"), and a
# bank of 10,000 questions in one file (5.6 MB, over the old 4 MiB cap)
# loads. KIOSK_ARGS: the sanitizer build's (tests.cmake), whose calls run
# several times slower.
set -u
qk=$1 work=$2 extra=${3:-}
rm -rf "$work" && mkdir -p "$work/big" "$work/bank" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
# 33 MiB of comment after a valid app line.
{ echo 'local ui = require "kiosk.ui"'; echo 'local filler = [['
  head -c $((33 << 20)) /dev/zero | tr '\0' 'x'; echo ']]'; echo 'return ui.app()'; } > "$work/big/main.lua"
printf 'expect main.lua: a script file may be at most 32 MiB (split a big question bank into parts)\n' > "$work/big.replay"
"$qk" "$work/big" --headless --window 1280x800 --db "$work/big.db" --replay "$work/big.replay" >"$work/big.out" 2>&1 \
  || { cat "$work/big.out"; fail "no clear message for a file over the cap"; }
grep -q "No such file" "$work/big.out" && fail "a stale errno in the message"
python3 "$(dirname "$0")/../../bench/banks/make_bank.py" 10000 "$work/bank" || exit 1
[ "$(stat -c %s "$work/bank/bank.lua")" -gt $((4 << 20)) ] || fail "the bank is not over the old cap"
printf 'wait 3000\ntap 开始\nexpect 第 1 题 / 共 10000 题\n' > "$work/bank.replay"
# shellcheck disable=SC2086 # extra: words
"$qk" "$work/bank" $extra --headless --window 1280x800 --db "$work/bank.db" --replay "$work/bank.replay" >"$work/bank.out" 2>&1 \
  || { cat "$work/bank.out"; fail "a 10,000-question bank in one file does not start"; }
echo "cap: all held"
