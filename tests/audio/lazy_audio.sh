#!/bin/sh
# lazy_audio.sh QUIZKIOSK SRC — SDL2_mixer and its codec libraries are a
# module (quizkiosk-audio.so) loaded on an app's first sound:
#   1. a kiosk with a screen (SDL's offscreen video, SDL's dummy audio
#      driver: no real device in tests) maps neither the module nor
#      libSDL2_mixer nor a codec library at its first frame;
#   2. after the app's first cue both are mapped and the log says the
#      device opened (driver dummy); the app's own file, the music and a
#      cue over it play through the mixer without a complaint;
#   3. a --headless kiosk plays every cue and maps none of them, ever;
#   4. a kiosk whose device cannot open (an audio driver that does not
#      exist) logs why once and keeps running silently, cues still logged;
#   5. a program without the module beside it logs why and runs silently.
set -u
qk=$1 src=$2
. "$src/tests/hold_lib.sh" # $dir, fail, wait_hold, mapped
# What only SDL2_mixer brings (Debian 12). libFLAC, libvorbis, libmpg123 and
# libopus are not in the list: libSDL2's own libpulse maps them through
# libsndfile in every SDL program, before and without this module.
lazy='quizkiosk-audio\|libSDL2_mixer\|libmodplug\|libfluidsynth\|libinstpatch\|libopusfile\|libvorbisfile\|libjack\|libpulse-simple'
app=$src/tests/audio/apps/cues
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy # a "screen" and a "device" in tests


# run NAME ARGS... — the cue app: held after its first frame, then after a tick.
run() {
  name=$1; shift
  printf 'hold %s/first-%s\ntap Tick\nexpect Tick: true\nhold %s/cue-%s\nexpect_sound tick\n' "$dir" "$name" "$dir" "$name" \
    >"$dir/$name.replay"
  printf 'tap Ding\ntap Music\ntap Fanfare\nwait 500\ntap Stop\nexpect Stop: true\n' >>"$dir/$name.replay"
  "$qk" "$app" --window 800x480 --replay "$dir/$name.replay" --db "$dir/$name.db" "$@" >"$dir/out" 2>&1 &
  pid=$!
}

run screen
if wait_hold "$dir/first-screen"; then
  if grep -q "$lazy" "/proc/$pid/maps"; then fail "mapped at the first frame: $(mapped)"
  else echo "ok   first frame: no audio module, no SDL2_mixer, none of the libraries only it brings"; fi
  touch "$dir/first-screen"
  if wait_hold "$dir/cue-screen"; then
    if grep -q 'quizkiosk-audio' "/proc/$pid/maps" && grep -q 'libSDL2_mixer' "/proc/$pid/maps" &&
       grep -q 'audio: device open (driver dummy' "$dir/out"; then
      echo "ok   first cue: the module and SDL2_mixer are mapped, the device opened (dummy driver)"
    else
      fail "after the first cue: mapped: $(mapped)"; cat "$dir/out"
    fi
    touch "$dir/cue-screen"
  else
    fail "no cue played:"; cat "$dir/out"
  fi
else
  fail "the kiosk did not reach its first frame:"; cat "$dir/out"
fi
wait "$pid" || fail "the kiosk with a screen failed: $(tail -n 3 "$dir/out")"
pid=
# Through the real mixer (dummy driver): the app's file, the music, a cue over it.
if grep -q 'audio: cannot play' "$dir/out"; then fail "the mixer refused a sound:"; grep 'audio:' "$dir/out"
else echo "ok   the built-in cues, the app's own file and the music play through SDL2_mixer"; fi

run headless --headless
if wait_hold "$dir/first-headless"; then
  touch "$dir/first-headless"
  if wait_hold "$dir/cue-headless"; then
    if grep -q "$lazy" "/proc/$pid/maps"; then fail "headless, after a cue: mapped: $(mapped)"
    else echo "ok   headless: a cue played (logged), nothing of the audio module mapped"; fi
    touch "$dir/cue-headless"
  else
    fail "headless: no cue:"; cat "$dir/out"
  fi
else
  fail "headless: no first frame:"; cat "$dir/out"
fi
wait "$pid" || fail "the headless kiosk failed: $(tail -n 3 "$dir/out")"
pid=

# No device: a driver that does not exist. The replay plays cues and holds.
printf 'tap Tick\ntap Right\nexpect_sound right\ntap Music\nexpect Music: true\n' >"$dir/nodev.replay"
if SDL_AUDIODRIVER=no-such-driver "$qk" "$app" --window 800x480 --replay "$dir/nodev.replay" --db "$dir/nodev.db" \
     >"$dir/nodev.out" 2>&1; then
  n=$(grep -c 'audio: no sound device' "$dir/nodev.out")
  if [ "$n" = 1 ] && grep -q 'audio: cue right' "$dir/nodev.out"; then
    echo "ok   no sound device: said once, cues still logged, the kiosk runs on"
  else
    fail "no sound device: $n log lines:"; cat "$dir/nodev.out"
  fi
else
  fail "no sound device: the replay failed:"; cat "$dir/nodev.out"
fi

# The program alone: no quizkiosk-audio.so beside it nor in ../lib/quizkiosk.
mkdir -p "$dir/alone/bin"
cp "$qk" "$dir/alone/bin/quizkiosk"
# ... but for fontconfig's (runtime/core/fontmatch_module.h): font lookup, not a feature.
cp "$(dirname "$qk")/quizkiosk-fontconfig.so" "$dir/alone/bin/"
if "$dir/alone/bin/quizkiosk" "$app" --window 800x480 --replay "$dir/nodev.replay" --db "$dir/alone.db" \
     >"$dir/alone.out" 2>&1; then
  if [ "$(grep -c 'audio: off (the audio module quizkiosk-audio.so is not installed' "$dir/alone.out")" = 1 ]; then
    echo "ok   no audio module: said once, the kiosk runs silently"
  else
    fail "no audio module: no clear log line:"; cat "$dir/alone.out"
  fi
else
  fail "no audio module: the replay failed:"; cat "$dir/alone.out"
fi

echo "lazy audio: $failed failed"
[ $failed -eq 0 ]
