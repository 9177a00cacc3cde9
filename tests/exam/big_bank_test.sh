#!/bin/sh
# big_bank_test.sh QUIZKIOSK WORK — issue 11 item 4: a bank of 100,000
# questions in 40 parts (exam.part), loaded by the real kiosk headless with
# the default limits (250 ms of CPU per call, 256 MiB), starts a session and
# shows the first question, twice in one database (the first session writes
# the set's option texts to the store, the second finds them there), once
# with all 100,000 on the paper and once with a paper of 200 drawn from it.
# Functional only: how long it takes is bench/banks' job.
set -u
qk=$1 work=$2
rm -rf "$work" && mkdir -p "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
gen=$(dirname "$0")/../../bench/banks/make_bank.py
python3 "$gen" 100000 "$work/full" --parts 40 >/dev/null || exit 1
python3 "$gen" 100000 "$work/drawn" --parts 40 --draw 5 >/dev/null || exit 1
printf 'wait 8000\ntap 开始\nexpect 第 1 题 / 共 100000 题\n' > "$work/full.replay"
printf 'wait 8000\ntap 开始\nexpect 第 1 题 / 共 200 题\n' > "$work/drawn.replay"
for bank in full drawn; do
  for run in 1 2; do
    "$qk" "$work/$bank" --headless --window 1280x800 --db "$work/$bank.db" --replay "$work/$bank.replay" \
      >"$work/$bank.$run.out" 2>&1 || { tail -20 "$work/$bank.$run.out"; fail "$bank bank, session $run: no first question"; }
  done
done
echo "big bank: all held"
