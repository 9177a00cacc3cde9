#!/bin/sh
# resume_look.sh QUIZKIOSK IMGDIFF SRC WORK WxH — the resume offer after an
# interrupted session, compared with its reference image at WxH (issue 14):
# the specialist exam is killed (replay `crash`, a real SIGKILL) on its
# third question, the kiosk comes back a second later, and the offer
# ("继续上次的测试？") asks for the last four digits of the phone, with
# the whole offer and its keypad on screen.
set -u
qk=$1 imgdiff=$2 src=$3 work=$4 size=$5
rm -rf "$work" && mkdir -p "$work" || exit 1
app=$src/scripts/apps/cs_specialist
T0=1795000000000   # the killed run's wall clock (epoch ms): the same paper every run
cat > "$work/killed.replay" <<'R'
expect 客户服务专员筛选测试
tap 中文
type 张伟
tap 完成
type 13800138000
tap 下一步
tap 我同意
tap 开始答题
tap B
tap 下一题
tap B
tap 下一题
crash
R
QUIZKIOSK_WALL_START_MS=$T0 "$qk" "$app" --headless --window "$size" --db "$work/k.db" \
  --replay "$work/killed.replay" >"$work/killed.log" 2>&1
status=$?
[ "$status" -eq 137 ] || { echo "FAIL: the kiosk was not killed (exit $status)"; tail -n 5 "$work/killed.log"; exit 1; }
[ "$(sqlite3 "$work/k.db" 'SELECT status FROM sessions')" = in_progress ] || { echo "FAIL: no session in progress"; exit 1; }
soon=$(( $(sqlite3 "$work/k.db" 'SELECT max(last_activity) FROM sessions') + 1000 ))  # back a second later
QUIZKIOSK_WALL_START_MS=$soon "$qk" "$app" --headless --window "$size" --db "$work/k.db" \
  --replay "$src/tests/flows/resume_look.replay" --shots "$work/shots" || exit 1
"$imgdiff" "$work/shots/resume_offer.png" "$src/tests/ref/flows_resume_offer_$size.png"
