#!/bin/sh
# module.sh QUIZKIOSK SRC — the input-method engines are a module loaded on
# demand (runtime/lua/ime_load.c):
#   1. at the first frame of an app without a keyboard, neither the module
#      nor libpinyin is mapped (/proc/PID/maps); once a pinyin keyboard is
#      shown, both are;
#   2. a program with no module beside it (copied elsewhere) keeps the
#      keyboard's letters, says why in the log, and does not crash.
set -u
qk=$1 src=$2
. "$src/tests/hold_lib.sh" # $dir, fail, wait_hold, mapped


cat > "$dir/later.replay" <<EOR
expect 欢迎
hold $dir/go1
tap 输入姓名
expect 布局：pinyin latin
hold $dir/go2
EOR
"$qk" "$src/tests/ime/apps/later" --headless --window 1280x800 --replay "$dir/later.replay" \
  --db "$dir/later.db" >"$dir/out" 2>&1 &
pid=$!
if wait_hold "$dir/go1"; then
  if grep -q 'quizkiosk-ime\|libpinyin\|libzinnia' "/proc/$pid/maps"; then
    fail "the engines are mapped before any keyboard: $(grep -o '[^/]*\(quizkiosk-ime\|libpinyin\|libzinnia\)[^ ]*' "/proc/$pid/maps" | sort -u | tr '\n' ' ')"
  else
    echo "ok   first frame: no input-method module, no libpinyin mapped"
  fi
  touch "$dir/go1"
  if wait_hold "$dir/go2"; then
    if grep -q 'quizkiosk-ime' "/proc/$pid/maps" && grep -q 'libpinyin' "/proc/$pid/maps"; then
      echo "ok   pinyin keyboard shown: module and libpinyin mapped"
    else
      fail "keyboard shown but the engines are not mapped"
    fi
    touch "$dir/go2"
  else
    fail "the replay did not reach the keyboard:"; cat "$dir/out"
  fi
else
  fail "the replay did not reach its first hold:"; cat "$dir/out"
fi
wait "$pid" || fail "the replay failed: $(tail -n 3 "$dir/out")"
pid=

# The program alone: no module next to it nor in ../lib/quizkiosk.
mkdir -p "$dir/alone/bin"
cp "$qk" "$dir/alone/bin/quizkiosk"
# ... but for fontconfig's (runtime/core/fontmatch_module.h): font lookup, not a feature.
cp "$(dirname "$qk")/quizkiosk-fontconfig.so" "$dir/alone/bin/"
if "$dir/alone/bin/quizkiosk" "$src/tests/ime/apps/ime" --headless --window 1280x800 \
     --replay "$src/tests/ime/fallback.replay" --db "$dir/alone.db" >"$dir/alone.out" 2>&1; then
  if grep -q "ime: pinyin unavailable: the input-method module quizkiosk-ime.so is not installed" "$dir/alone.out"; then
    echo "ok   without the module: letters and digits work, the log says why"
  else
    fail "without the module: no clear log line:"; cat "$dir/alone.out"
  fi
else
  fail "without the module the keyboard replay failed:"; cat "$dir/alone.out"
fi
echo "ime module: $failed failed"
[ $failed -eq 0 ]
