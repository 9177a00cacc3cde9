#!/bin/sh
# readme_test.sh RUNNER SRC WORK — the README's "a new mode" and "a new
# question type" examples, taken from the README itself (the fenced block
# whose first line names the file), put into an app folder as that file,
# and run by readme_examples_test.lua through the exam model, so the README
# cannot drift from what works.
set -u
runner=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work/kiosk/exam/modes" "$work/kiosk/exam/types" || exit 1
# extract FILE: the lua block that starts with "-- FILE:" in the README
extract() {
  awk -v want="-- $1:" '
    /^```lua$/ { inblock = 1; first = 1; next }
    /^```$/ { if (keep) exit; inblock = 0; next }
    inblock && first { first = 0; if (index($0, want) == 1) keep = 1 }
    keep { print }' "$src/README.md" > "$work/$1"
  [ -s "$work/$1" ] || { echo "FAIL: the README has no example block starting with '-- $1:'"; exit 1; }
}
extract kiosk/exam/modes/drill.lua
extract kiosk/exam/types/number.lua
cp "$src/tests/exam/readme_examples_test.lua" "$work/" || exit 1
"$runner" "$work/readme_examples_test.lua" "$src/scripts"
