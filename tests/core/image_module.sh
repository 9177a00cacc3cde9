#!/bin/sh
# image_module.sh QUIZKIOSK SRC — SDL2_image and the libraries behind it
# (libtiff, libjbig, libdeflate, libLerc, libstdc++, libwebp, libjpeg) are
# the image module (runtime/platform/image_module.h), loaded with the first
# image decoded:
#   1. an app whose first screen has no image has none of them mapped at
#      its first frame (/proc/PID/maps);
#   2. an app whose first screen shows an image has the module and
#      SDL2_image mapped at its first frame, and its screenshot has the
#      image's pixels (a real decode through the module).
set -u
qk=$1 src=$2
. "$src/tests/hold_lib.sh" # $dir, fail, wait_hold, mapped
lazy='quizkiosk-image\|libSDL2_image\|libtiff\.\|libjbig\.\|libdeflate\.\|libLerc\.\|libwebp\.\|libjpeg\.'
# libstdc++ came only with libLerc; the sanitizer build's runtime links it itself.
ldd "$qk" | grep -q 'libstdc++' || lazy="$lazy\\|libstdc++\\."

mkdir -p "$dir/plain" "$dir/logo" "$dir/shots"
cat > "$dir/plain/main.lua" <<'LUA'
local app = {}
function app.draw() gfx.clear("#ffffff") gfx.text("No image here", 40, 40, { size = 32 }) end
return app
LUA
cp "$src/tests/flows/apps/practice/extinguisher.png" "$dir/logo/logo.png"
cat > "$dir/logo/main.lua" <<'LUA'
local app = {}
function app.draw() gfx.clear("#ffffff") gfx.image("logo.png", 0, 0, 400, 400) end
return app
LUA

# first_frame APP — starts APP held after its first frame; then shoots it.
first_frame() {
  printf 'hold %s/go-%s\nshot %s\n' "$dir" "$1" "$1" > "$dir/$1.replay"
  "$qk" "$dir/$1" --headless --window 800x480 --replay "$dir/$1.replay" --shots "$dir/shots" \
    --db "$dir/$1.db" >"$dir/out" 2>&1 &
  pid=$!
  wait_hold "$dir/go-$1"
}

if first_frame plain; then
  if grep -q "$lazy" "/proc/$pid/maps"; then
    fail "mapped at a first frame without an image: $(mapped)"
  else
    echo "ok   first frame without an image: no image module, SDL2_image, libtiff, libwebp, libjpeg, libLerc, libstdc++"
  fi
  touch "$dir/go-plain"
  wait "$pid" || fail "the plain app failed: $(tail -n 3 "$dir/out")"
else
  fail "the plain app did not reach its first frame:"; cat "$dir/out"
fi
pid=

if first_frame logo; then
  if grep -q 'quizkiosk-image' "/proc/$pid/maps" && grep -q 'libSDL2_image' "/proc/$pid/maps"; then
    echo "ok   first frame with an image: the image module and SDL2_image are mapped"
  else
    fail "an image was drawn but the image module is not mapped"
  fi
  touch "$dir/go-logo"
  wait "$pid" || fail "the logo app failed: $(tail -n 3 "$dir/out")"
  # The shot is written through the module too; the logo is not white.
  if [ -s "$dir/shots/logo.png" ] && python3 - "$dir/shots/logo.png" <<'PY'
import sys, zlib, struct
d = open(sys.argv[1], 'rb').read()
pos, idat, w = 8, b'', 0
while pos < len(d):
    n, t = struct.unpack('>I4s', d[pos:pos + 8]); body = d[pos + 8:pos + 8 + n]; pos += 12 + n
    if t == b'IHDR': w = struct.unpack('>I', body[:4])[0]
    if t == b'IDAT': idat += body
raw = zlib.decompress(idat)
sys.exit(0 if raw.count(b'\xff') < len(raw) * 0.9 else 1)
PY
  then echo "ok   the screenshot shows the decoded image"
  else fail "no screenshot, or it is all white: the image was not decoded"
  fi
else
  fail "the logo app did not reach its first frame:"; cat "$dir/out"
fi
pid=
echo "image module: $failed failed"
[ $failed -eq 0 ]
