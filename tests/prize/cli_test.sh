#!/bin/sh
# cli_test.sh QUIZKIOSK FIXTURE DIR — `quizkiosk prize list|check|redeem`
# on a database of ten codes made the same on every run (qk_prize_fixture)
# and on one a real game run issued: a valid code checks (typed loosely
# too), a forged or mistyped one and another kiosk's do not, redeeming
# twice says "already redeemed", the list pages, and usage errors exit 2.
set -u
qk=$1 fixture=$2 dir=$3
rm -rf "$dir"
mkdir -p "$dir"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect CODE NEEDLE ARGS...: exit code CODE and NEEDLE in stdout+stderr.
expect() {
  want=$1 needle=$2
  shift 2
  "$qk" "$@" >"$dir/out.txt" 2>&1
  got=$?
  if [ "$got" != "$want" ]; then
    fail "quizkiosk $* exited $got, wanted $want"; cat "$dir/out.txt"
  elif [ -n "$needle" ] && ! grep -qF -- "$needle" "$dir/out.txt"; then
    fail "quizkiosk $* did not say '$needle':"; cat "$dir/out.txt"
  fi
}
db=$dir/kiosk.db
"$fixture" "$db" 10 >"$dir/codes.txt" || { echo "FAIL: fixture"; exit 1; }
c2=$(sed -n 's/^CODE 2 //p' "$dir/codes.txt") c3=$(sed -n 's/^CODE 3 //p' "$dir/codes.txt")
[ "$c2" = S0P2-PT5T-9KXD ] && [ "$c3" = M6FG-TE8Y-MSZY ] || { echo "FAIL: the fixture's codes changed"; cat "$dir/codes.txt"; exit 1; }

expect 0 "S0P2-PT5T-9KXD: valid, not redeemed (session 2, trade_fair/fair, 玩家2" prize check --db "$db" "$c2"
expect 0 "valid, not redeemed" prize check --db "$db" "sop2 pt5t 9kxd"     # lower case, O for 0, spaces
expect 0 "valid, not redeemed" prize check --db="$db" "S0P2PT5T9KXD"
# Forged: each single change, and a made-up one.
expect 1 "not a code of this kiosk" prize check --db "$db" S0P2-PT5T-9KXE
expect 1 "not a code of this kiosk" prize check --db "$db" T0P2-PT5T-9KXD
expect 1 "not a code of this kiosk" prize check --db "$db" ABCD-EFGH-JKMN
expect 1 "is not a prize code" prize check --db "$db" hello
expect 1 "already redeemed at" prize check --db "$db" "$c3"
# Redeem twice: the second says when and by whom, and fails.
expect 0 "redeemed now at" prize redeem --db "$db" "$c2" --by "Ann at the booth"
expect 1 "already redeemed at" prize redeem --db "$db" "$c2"
expect 1 "by Ann at the booth on kiosk-" prize redeem --db "$db" "$c2" --by Bob
expect 1 "not a code of this kiosk" prize redeem --db "$db" S0P2-PT5T-9KXE
[ "$(sqlite3 "$db" "SELECT redeemed_by FROM prize_codes WHERE code = '$c2'")" = "Ann at the booth" ] ||
  fail "the first redemption was not kept"
# The list: 10 issued, 3 + 1 redeemed, latest first, paged.
expect 0 "10 prize codes issued, 4 redeemed" prize list --db "$db"
[ "$("$qk" prize list --db "$db" | tail -n +3 | wc -l)" = 10 ] || fail "prize list did not list 10 codes"
[ "$("$qk" prize list --db "$db" --limit 4 --offset 8 | tail -n +3 | wc -l)" = 2 ] || fail "--offset 8 did not leave 2"
first=$("$qk" prize list --db "$db" --limit 1 | tail -n 1 | cut -f3)
[ "$first" = 10 ] || fail "the latest code is not first (session $first)"
# Usage and missing things.
expect 2 "CODE is missing" prize check --db "$db"
expect 2 "--db FILE is required" prize redeem "$c2"
expect 2 "--limit wants a whole number from 1 to 1000" prize list --db "$db" --limit 0
expect 1 "no database at $dir/none.db" prize check --db "$dir/none.db" "$c2"
[ ! -e "$dir/none.db" ] || fail "checking against a missing database created it"
expect 0 "usage: quizkiosk prize check --db FILE CODE" prize check --help
expect 2 "quizkiosk prize list" prize
# Another kiosk (its own random key): its code is not this kiosk's, and
# this kiosk's is not its.
printf 'expect 1 + 1 = ?\ntap 2\nexpect 你的奖品码\n' >"$dir/game.replay"
"$qk" "$(dirname "$0")/app" --headless --window 800x480 --replay "$dir/game.replay" --db "$dir/other.db" \
  >"$dir/game.log" 2>&1 || { fail "the game run failed"; cat "$dir/game.log"; }
other=$(sed -n 's/.*prize-test:[[:space:]]*code[[:space:]]*\([0-9A-Z-]*\).*/\1/p' "$dir/game.log")
[ -n "$other" ] || fail "the game logged no code"
expect 0 "valid, not redeemed" prize check --db "$dir/other.db" "$other"
expect 1 "not a code of this kiosk" prize check --db "$db" "$other"
expect 1 "not a code of this kiosk" prize check --db "$dir/other.db" "$c3"
[ $fails = 0 ] && echo "prize cli: all passed"
[ $fails = 0 ]
