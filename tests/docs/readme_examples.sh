#!/bin/sh
# readme_examples.sh QUIZKIOSK README — every ```lua block of the README that
# starts with "-- NAME/main.lua" is an app: it must start, draw, and take a
# few taps without reaching the error screen. Keeps the docs honest.
set -u
qk=$1 readme=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk -v dir="$dir" '
  /^```lua$/ { inblock = 1; first = 1; next }
  /^```$/ { if (inblock && file) close(file); inblock = 0; file = ""; next }
  inblock && first { first = 0
    if (match($0, /^-- [A-Za-z0-9_-]+\/main\.lua/)) {
      name = substr($0, 4, RLENGTH - 3); sub(/\/main\.lua.*/, "", name)
      system("mkdir -p " dir "/" name); file = dir "/" name "/main.lua"
    }
  }
  inblock && file { print > file }
' "$readme"
passed=0 failed=0
for app in "$dir"/*/; do
  name=$(basename "$app")
  printf 'expect-not Script error\ntap 40,40\ntap 200,200\nexpect-not Script error\nshot %s\n' "$name" > "$dir/$name.replay"
  if "$qk" "$app" --headless --window 1280x800 --replay "$dir/$name.replay" --shots "$dir" --db "$dir/$name.db" >"$dir/$name.log" 2>&1; then
    echo "ok   README example $name"; passed=$((passed + 1))
  else
    echo "FAIL README example $name"; cat "$dir/$name.log"; failed=$((failed + 1))
  fi
done
echo "readme examples: $passed passed, $failed failed"
[ $failed -eq 0 ] && [ $passed -gt 0 ]
