#!/bin/sh
# podium.sh QUIZKIOSK IMGDIFF SRC WORK WxH CASE [ref|large] — the trade fair's end:
# a visitor (小红) plays fair_mix.replay's game (2722 points) on a database
# seeded by seed.sh (CASE first: they are 1st of the day; seventh: 7th),
# then the podium of the day must show the top three (not yesterday's
# best), the visitor's rank and score beneath it, and, once it has risen,
# the names; then "继续" leads to the game's own thanks ("谢谢参与！", not the
# exam's "本次测试已完成"). Between them: the fanfare (expect_sound) and the
# prize code with its QR, which must verify with `quizkiosk prize check`
# while a forged one does not. The shot after the motion is compared with
# tests/ref/fair_end_podium_CASE_WxH.png when REF is "ref", and (CASE
# first) the prize screen with tests/ref/fair_end_prize_WxH.png. Before the
# motion ends the names are not shown yet (the podium rises first). With
# "large" the visitor switches 大字 (large text) on first: the words beside
# the podium give way so that "继续" stays wholly on the screen, which the
# comparison with tests/ref/fair_end_podium_large_WxH.png holds (an expect
# cannot: "13 秒后自动继续" holds the word too).
set -u
qk=$1 imgdiff=$2 src=$3 work=$4 size=$5 case=$6 ref=${7:-}
rm -rf "$work" && mkdir -p "$work" || exit 1
export TZ=Asia/Shanghai
db=$work/results.db
fail() { echo "FAIL: $*"; exit 1; }
sh "$src/tests/fair_end/seed.sh" "$qk" "$src" "$db" "$case" || exit 1
large=""
[ "$ref" = large ] && large="tap 大字 · Large text"
{ grep -v '^#' "$src/tests/flows/fair_mix.replay" | grep -v '^shot' | sed 's/^type 小明$/type 小红/' |
    sed "s/^tap 中文$/${large:+$large\\n}tap 中文/" | sed 's/\\n/\n/'
  echo "expect 🏆 今日前三名"
  echo "expect-not 小红" # the blocks are still rising: no names yet
  echo "wait 500"
  echo "shot rising"
  echo "wait 1500"
  if [ "$case" = first ]; then
    [ "$ref" = large ] || echo "expect 🎉 你是今天的第 1 名！" # (with large text it gives way at 800x480)
    echo "expect 你的排名：第 1 名（共 5 人）"
    echo "expect 小红"
    echo "expect 玩家A"
    echo "expect 玩家B"
    echo "expect-not 玩家C"
  else
    echo "expect 你的排名：第 7 名（共 8 人）"
    echo "expect-not 🎉"
    echo "expect 玩家1"
    echo "expect 玩家2"
    echo "expect 玩家3"
    echo "expect-not 玩家4"
    echo "expect-not 小红"
  fi
  [ "$ref" = large ] || echo "expect 你的得分：2722 分" # (the switch shifts the game's timing: another score)
  echo "expect 2000 分" | sed "s/2000/$([ "$case" = first ] && echo 2000 || echo 5900)/"
  echo "expect-not 昨日王者"
  echo "expect-not 9000"
  echo "expect_sound fanfare"
  echo "shot podium"
  echo "tap 继续"
  echo "expect 🎁 你的奖品码"
  # (the seed's fixed key and UUIDs make the code the same on every run)
  [ "$case" = first ] && echo "expect XMDX  JBH8  6Q7B" || echo "expect 5R42  ZNK6  Q8RV"
  echo "expect 到展台出示此码或二维码，"
  echo "expect 即可领取奖品。"
  echo "shot prize"
  echo "tap 继续"
  echo "expect 谢谢参与！"
  echo "expect 再来一局？"
  echo "expect-not 本次测试"
  echo "shot thanks"; } > "$work/visitor.replay"
QUIZKIOSK_WALL_START_MS=1795000000000 "$qk" "$src/scripts/apps/trade_fair" --headless --window "$size" --db "$db" \
  --replay "$work/visitor.replay" --shots "$work/shots" >"$work/out" 2>&1 ||
  fail "$(grep replay "$work/out" | tail -1)"
# The prize code: the one the screen showed (the kiosk log says which) is
# the one the store issued for this game, and it verifies with the staff's
# command; the same code with its last character changed does not.
code=$(sed -n 's/.*prize: code \([0-9A-Z-]*\) shown for session .*/\1/p' "$work/out" | tail -1)
[ -n "$code" ] || fail "no prize code in the kiosk log"
sqlite3 "$db" "SELECT code FROM prize_codes" | grep -qx "$code" || fail "prize code $code is not the store's"
"$qk" prize check --db "$db" "$code" >"$work/check" 2>&1 || fail "prize code $code does not verify: $(cat "$work/check")"
last=$(printf %s "$code" | tail -c 1)
forged=$(printf %s "$code" | sed 's/.$//')$([ "$last" = Z ] && echo Y || echo Z)
if "$qk" prize check --db "$db" "$forged" >"$work/forged" 2>&1; then fail "a forged code $forged verified"; fi
grep -q "not a code of this kiosk" "$work/forged" || fail "the forged code: $(cat "$work/forged")"
if [ "$ref" = ref ]; then
  "$imgdiff" "$work/shots/podium.png" "$src/tests/ref/fair_end_podium_${case}_${size}.png" || exit 1
  if [ "$case" = first ]; then "$imgdiff" "$work/shots/prize.png" "$src/tests/ref/fair_end_prize_${size}.png" || exit 1; fi
elif [ "$ref" = large ]; then
  "$imgdiff" "$work/shots/podium.png" "$src/tests/ref/fair_end_podium_large_${size}.png" || exit 1
fi
echo "fair_end podium $case $size: passed"
