# resume_steps.sh — sourced by the power-cut tests (tests/flows/crash.sh,
# tests/reliability/powercut.sh), which set $qk to the kiosk binary.
#
# resume_steps DB: prints the replay lines that take up the resume offer
# ("继续上次的测试？") on the database DB: the candidate proves it is their
# test with the last four digits of the phone they registered; when no phone
# was registered (killed before the form was sent, or a trade-fair game),
# staff vouch with the staff PIN, which is set first as staff set it.
resume_steps() {
  rs_phone=$(sqlite3 "$1" "SELECT c.value FROM candidates c JOIN sessions s ON s.id = c.session_id
    WHERE s.status = 'in_progress' AND c.field = 'phone' ORDER BY s.id DESC LIMIT 1" | tr -cd '0-9')
  echo "expect 继续上次的测试？"
  if [ ${#rs_phone} -ge 4 ]; then
    echo "expect 手机号后四位"
    echo "type $(printf '%s' "$rs_phone" | tail -c 4)"
  else
    "$qk" set-pin --db "$1" 2468 >/dev/null || return 1
    echo "expect 管理 PIN"
    echo "type 2468"
  fi
  echo "tap 继续答题"
  echo "expect-not 继续上次的测试？"
}
