#!/bin/sh
# readme_replay.sh QUIZKIOSK SRC — the README's ```replay example runs as
# written: the block is saved under the name its first line gives, and the
# command on its "#   quizkiosk ..." line is run from the source folder
# (with a database of its own). Keeps the replay documentation honest.
set -u
qk=$1 src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
n=0 failed=0
awk -v dir="$dir" '
  /^```replay$/ { inblock = 1; first = 1; next }
  /^```$/ { if (inblock && file) close(file); inblock = 0; file = ""; next }
  inblock && first { first = 0
    if (match($0, /^# [A-Za-z0-9_-]+\.replay/)) { file = dir "/" substr($0, 3, RLENGTH - 2) }
  }
  inblock && file { print > file }
' "$src/README.md"
for f in "$dir"/*.replay; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  cmd=$(sed -n 's/^#   quizkiosk //p' "$f" | head -n 1)
  if [ -z "$cmd" ]; then echo "FAIL $(basename "$f"): no '#   quizkiosk ...' line"; failed=$((failed + 1)); continue; fi
  # The file name in the command is the saved block.
  cmd=$(printf '%s' "$cmd" | sed "s#--replay [^ ]*#--replay $f#")
  # shellcheck disable=SC2086 # the documented command, split as a shell would
  if (cd "$src" && "$qk" $cmd --db "$dir/$n.db") >"$dir/$n.log" 2>&1; then
    echo "ok   README replay $(basename "$f")"
  else
    echo "FAIL README replay $(basename "$f"):"; cat "$dir/$n.log"; failed=$((failed + 1))
  fi
done
echo "readme replays: $n run, $failed failed"
[ $failed -eq 0 ] && [ $n -gt 0 ]
