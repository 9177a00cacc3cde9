#!/bin/sh
# fontconfig_module.sh QUIZKIOSK SRC — fontconfig is the module
# quizkiosk-fontconfig (runtime/core/fontmatch_module.h), loaded only when the
# font match cache (runtime/core/fonts.c) cannot answer:
#   1. a start with no cache (a miss) loads the module and libfontconfig,
#      reaches its first frame with the font fontconfig matches (fc-match's
#      file and face index, from the cache it wrote), and writes the cache;
#   2. the next start (a hit) has neither the module nor libfontconfig
#      mapped at its first frame (/proc/PID/maps), with the same font;
#   3. a glyph no cached font draws (a fallback lookup) still loads the
#      module after the first frame and draws.
set -u
qk=$1 src=$2
. "$src/tests/hold_lib.sh" # $dir, fail, wait_hold, mapped
lazy='quizkiosk-fontconfig\|libfontconfig\.'
export XDG_CACHE_HOME="$dir/cache"
cache="$dir/cache/quizkiosk/fontmatch"

mkdir -p "$dir/plain" "$dir/shots"
cat > "$dir/plain/main.lua" <<'LUA'
local app = {}
function app.draw() gfx.clear("#ffffff") gfx.text("Fonts 字体 from the cache", 40, 40, { size = 32 }) end
return app
LUA

# first_frame NAME — starts the plain app held after its first frame.
first_frame() {
  printf 'hold %s/go-%s\n' "$dir" "$1" > "$dir/$1.replay"
  "$qk" "$dir/plain" --headless --window 800x480 --replay "$dir/$1.replay" --db "$dir/$1.db" >"$dir/out" 2>&1 &
  pid=$!
  wait_hold "$dir/go-$1"
}
font_of() { sed -n 's/.*info: renderer [^,]*, font \([^,]*\), app .*/\1/p' "$dir/out" | head -n 1; }

# 1. A miss: the module is loaded, and its answer is fontconfig's.
if first_frame miss; then
  if grep -q 'quizkiosk-fontconfig' "/proc/$pid/maps" && grep -q 'libfontconfig\.' "/proc/$pid/maps"; then
    echo "ok   no cache: the fontconfig module and libfontconfig are mapped"
  else
    fail "no cache, yet the fontconfig module is not mapped: the match did not go through it"
  fi
  miss_font=$(font_of)
  touch "$dir/go-miss"
  wait "$pid" || fail "the miss start failed: $(tail -n 3 "$dir/out")"
else
  fail "the miss start did not reach its first frame:"; cat "$dir/out"
fi
pid=
want=$(fc-match -f '%{index}\t%{file}' 'Noto Sans CJK SC:lang=zh-cn:weight=80:scalable=true' 2>/dev/null)
if [ -z "$want" ]; then
  echo "skip fc-match is not installed: the cached answer is not compared"
elif grep -qF "$(printf 'M\t0\tNoto Sans CJK SC\t%s' "$want")" "$cache" 2>/dev/null; then
  echo "ok   the module's match is fc-match's ($want), cached"
else
  fail "the cache does not hold fc-match's answer ($want): $(grep '^M' "$cache" 2>/dev/null)"
fi
[ -n "${want:-}" ] && [ "$miss_font" != "${want#*	}" ] && fail "the miss start used $miss_font, fc-match says ${want#*	}"

# 2. A hit: nothing of fontconfig is mapped, the same font is used.
if first_frame hit; then
  if grep -q "$lazy" "/proc/$pid/maps"; then
    fail "mapped at a first frame the cache answered: $(mapped)"
  else
    echo "ok   cache hit: neither the fontconfig module nor libfontconfig mapped at the first frame"
  fi
  [ "$(font_of)" = "$miss_font" ] && echo "ok   the same font: $miss_font" || fail "the hit used $(font_of), the miss $miss_font"
  touch "$dir/go-hit"
  wait "$pid" || fail "the hit start failed: $(tail -n 3 "$dir/out")"
else
  fail "the hit start did not reach its first frame:"; cat "$dir/out"
fi
pid=

# 3. A fallback after a hit: a glyph the CJK face lacks (Thai, an emoji)
# makes a fallback lookup, which loads the module; the frame is drawn.
cat > "$dir/plain/main.lua" <<'LUA'
local app = {}
function app.draw() gfx.clear("#ffffff") gfx.text("Fallback \u{0E01} \u{26BD}", 40, 40, { size = 32 }) end
return app
LUA
if first_frame fallback; then
  if grep -q 'quizkiosk-fontconfig' "/proc/$pid/maps"; then
    echo "ok   a fallback lookup after a cache hit loads the module, and the frame is drawn"
  else
    fail "a glyph the cached font lacks did not load the fontconfig module"
  fi
  touch "$dir/go-fallback"
  wait "$pid" || fail "the fallback start failed: $(tail -n 3 "$dir/out")"
else
  fail "the fallback start did not reach its first frame:"; cat "$dir/out"
fi
pid=
echo "fontconfig module: $failed failed"
[ $failed -eq 0 ]
