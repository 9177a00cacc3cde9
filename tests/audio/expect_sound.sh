#!/bin/sh
# expect_sound.sh QUIZKIOSK SRC — the replay command expect_sound fails
# when the cue was not played since the previous expect_sound (a check
# that can fail), names what was played, and the kiosk log has each cue;
# a new VM stops the music the previous one started.
set -u
qk=$1 src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
app=$src/tests/audio/apps/cues

# Played, checked, then checked again with nothing played since: fails.
printf 'tap Tick\nexpect_sound tick\nexpect_sound tick\n' >"$dir/twice.replay"
if "$qk" "$app" --headless --window 800x480 --replay "$dir/twice.replay" --db "$dir/a.db" >"$dir/twice.out" 2>&1; then
  fail "expect_sound held twice for one tick"; cat "$dir/twice.out"
elif grep -q 'twice.replay:3: expect_sound "tick": not played since the previous expect_sound (played: nothing)' "$dir/twice.out"; then
  echo "ok   expect_sound holds once per cue played"
else
  fail "no clear message for a cue not played:"; cat "$dir/twice.out"
fi

# Another cue was played: the message names it.
printf 'tap Wrong\nexpect_sound right\n' >"$dir/other.replay"
if "$qk" "$app" --headless --window 800x480 --replay "$dir/other.replay" --db "$dir/b.db" >"$dir/other.out" 2>&1; then
  fail "expect_sound right held after only wrong"; cat "$dir/other.out"
elif grep -q 'expect_sound "right": not played .*(played: wrong)' "$dir/other.out"; then
  echo "ok   expect_sound names what was played instead"
else
  fail "no clear message for another cue:"; cat "$dir/other.out"
fi

# The replay that holds: each cue in the kiosk log, and headless opened no device.
if "$qk" "$app" --headless --window 1280x800 --replay "$src/tests/audio/cues.replay" --db "$dir/c.db" >"$dir/cues.out" 2>&1; then
  n=$(grep -c 'info: audio: cue ' "$dir/cues.out")
  if [ "$n" = 7 ] && grep -q 'audio: cue sounds/ding.wav' "$dir/cues.out" && grep -q 'audio: music theme' "$dir/cues.out" &&
     grep -q 'audio: music off' "$dir/cues.out"; then
    echo "ok   7 cues and the music in the kiosk log"
  else
    fail "the kiosk log's cues ($n):"; cat "$dir/cues.out"
  fi
  if grep -q 'audio: device\|audio: no sound device\|audio: off' "$dir/cues.out"; then
    fail "a headless kiosk tried a sound device:"; grep 'audio:' "$dir/cues.out"
  else
    echo "ok   headless: no sound device tried"
  fi
else
  fail "cues.replay:"; cat "$dir/cues.out"
fi

# The music is the VM's that started it: the staff screen (a new VM) opens in quiet.
printf 'tap Music\nexpect Music: true\npress 20,20\nwait 3100\nrelease 20,20\nexpect No staff PIN yet\n' >"$dir/music.replay"
if "$qk" "$app" --headless --window 1280x800 --replay "$dir/music.replay" --db "$dir/e.db" >"$dir/music.out" 2>&1 &&
   [ "$(grep -o 'audio: music [a-z]*' "$dir/music.out" | tr '\n' ' ')" = "audio: music theme audio: music off " ]; then
  echo "ok   a new VM (the staff screen) stops the music the app started"
else
  fail "the music across VMs:"; cat "$dir/music.out"
fi

# An unknown replay argument is refused before the app starts.
printf 'expect_sound\n' >"$dir/bad.replay"
"$qk" "$app" --headless --window 800x480 --replay "$dir/bad.replay" --db "$dir/d.db" >"$dir/bad.out" 2>&1
rc=$?
[ $rc = 2 ] && grep -q "bad.replay:1: bad arguments for 'expect_sound'" "$dir/bad.out" \
  && echo "ok   expect_sound without a name: refused (exit 2)" || { fail "expect_sound without a name: exit $rc"; cat "$dir/bad.out"; }

echo "expect_sound: $failed failed"
[ $failed -eq 0 ]
