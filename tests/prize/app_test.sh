#!/bin/sh
# app_test.sh QUIZKIOSK QR_CHECK SRC OUT — the prize as an app sees it
# (tests/prize/app), at the four screen sizes:
# - the sandbox: before the session is completed and after an abandoned one
#   prize.issue refuses; the staff calls (check, redeem, list) and the key's
#   setting are refused to an app; the same code every call;
# - the QR drawn by ui.qr is libqrencode's matrix of prize.issue().qr, pixel
#   by pixel (qk_prize_qr_check), and a different text does not match it.
set -u
qk=$1 check=$2 src=$3 out=$4
rm -rf "$out"
mkdir -p "$out"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
cat >"$out/game.replay" <<'R'
expect 1 + 1 = ?
tap 2
expect 你的奖品码
shot prize
tap 再来一次 · Again
expect 1 + 1 = ?
tap Skip
expect 再见 · Bye
R
for size in 800x480 1280x800 1080x1920 3840x2160; do
  d=$out/$size
  mkdir -p "$d"
  "$qk" "$src/tests/prize/app" --headless --window "$size" --replay "$out/game.replay" --shots "$d" \
    --db "$d/k.db" >"$d/log.txt" 2>&1 || { fail "$size: the replay failed"; cat "$d/log.txt"; continue; }
  log() { grep -F "prize-test:" "$d/log.txt" | grep -F "$1"; }
  log "before finish" | grep -q "refused: prize.issue: session 1 is not completed" || fail "$size: issued before finish"
  log "after abandon" | grep -q "refused: .*session 2 is not completed" || fail "$size: issued after abandon"
  for call in check redeem list; do
    log "app prize.$call" | grep -q "refused: .*prize.$call is for the staff screen only" ||
      fail "$size: an app reached prize.$call"
  done
  log "prize.key" | grep -q "refused: setting 'prize.key' is not this app's" || fail "$size: an app read prize.key"
  ! grep -q "REACHED" "$d/log.txt" || fail "$size: something staff-only was reached"
  code=$(log "	code	" | sed -n 's/.*code[[:space:]]*\([0-9A-Z-]*\)[[:space:]]*qr[[:space:]]*\([0-9A-Z-]*\)[[:space:]]*same[[:space:]]*true.*/\1 \2/p')
  set -- $code
  [ $# = 2 ] && [ "$1" = "$2" ] || { fail "$size: no code, or not the same every call: '$code'"; continue; }
  # One code per session, in the table.
  [ "$(sqlite3 "$d/k.db" "SELECT count(*) || ' ' || max(code) FROM prize_codes")" = "1 $1" ] || fail "$size: table"
  "$check" "$d/prize.png" "$2" || fail "$size: the QR is not libqrencode's matrix of '$2'"
  if "$check" "$d/prize.png" "$2X" >/dev/null 2>&1; then fail "$size: the QR check passed a different text"; fi
done
[ $fails = 0 ] && echo "prize app: all passed"
[ $fails = 0 ]
