#!/bin/sh
# readme_test.sh RUNNER QUIZKIOSK SRC WORK — the README's "a new mode" and
# "a new question type" examples, taken from the README itself (the fenced
# block whose first line names the file), put into an app folder as that
# file, run by readme_examples_test.lua through the exam model, then shown
# by the kiosk itself (headless replay: typed on the keypad, checked,
# timed out), so the README cannot drift from what works.
set -u
runner=$1 qk=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work/kiosk/exam/modes" "$work/kiosk/exam/types" || exit 1
# extract FILE: the lua block that starts with "-- FILE:" in the README
extract() {
  awk -v want="-- $1:" '
    /^```lua$/ { inblock = 1; first = 1; next }
    /^```$/ { if (keep) exit; inblock = 0; next }
    inblock && first { first = 0; if (index($0, want) == 1) keep = 1 }
    keep { print }' "$src/README.md" > "$work/$1"
  [ -s "$work/$1" ] || { echo "FAIL: the README has no example block starting with '-- $1:'"; exit 1; }
}
extract kiosk/exam/modes/drill.lua
extract kiosk/exam/types/number.lua
cp "$src/tests/exam/readme_examples_test.lua" "$work/" || exit 1
"$runner" "$work/readme_examples_test.lua" "$src/scripts" || exit 1
# The same two files in an app: the drill mode and a number question on screen.
cat > "$work/main.lua" <<'LUA'
local flow = require "kiosk.flow"
local exam = require "kiosk.exam"
return flow.app {
  set = exam.set { id = "drill", title = "数字练习",
    exam.section { id = "s", title = "填空", points = 2,
      exam.number { id = "n1", stem = "火警电话是多少？", answer = 119 },
      exam.number { id = "n2", stem = "急救电话是多少？", answer = 120 } } },
  mode = "drill",
  run = function(f)
    f:welcome {}
    f:result(f:quiz())
  end,
}
LUA
cat > "$work/drill.replay" <<'REPLAY'
tap 开始
expect 填写数字
expect-not 上一题
type 119
tap 确认答案
expect ✓ 回答正确
shot checked
tap 下一题
type 110
tap 确认答案
expect ✗ 回答错误
expect 正确答案：120
tap 交卷
tap 交卷
expect 2 / 4 分
REPLAY
"$qk" "$work" --headless --window 1280x800 --db "$work/drill.db" --replay "$work/drill.replay" --shots "$work/shots"
