# hold_lib.sh — sourced by the tests that look at a running kiosk's
# /proc/PID/maps while its replay holds (ime/module.sh, ime/lazy_libs.sh,
# audio/lazy_audio.sh, core/image_module.sh). It sets up:
#   $dir     a fresh work folder, removed on exit (with the kiosk $pid killed)
#   fail     "FAIL ..." and one more in $failed
#   wait_hold FILE   waits (at most 60 s) until the kiosk's output ($dir/out)
#            says its replay holds for FILE; 1 if it ended or never did
#   mapped   the libraries of $lazy (a grep alternation) mapped in $pid
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
wait_hold() {
  i=0
  while ! grep -q "hold: waiting for $1" "$dir/out" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.1
  done
}
mapped() { grep -o "[^/]*\($lazy\)[^ ]*" "/proc/$pid/maps" | sort -u | tr '\n' ' '; }
