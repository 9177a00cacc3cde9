#!/usr/bin/env bash
# run.sh SRC WORK SECONDS [HARNESS...] — builds the libFuzzer harnesses with
# clang (tests/fuzz/CMakeLists.txt, in WORK/build) and runs each for
# SECONDS (-max_total_time) on a corpus seeded from the repository's own
# files: the replays under tests/, the bundled question sets, the JSON the
# kiosk stores (tests/fuzz/seeds/json), plus the reproducers of past
# findings (tests/fuzz/corpus/HARNESS). Harnesses: replay json_lua
# json_store set (default: all). Fails if any harness finds a crash, a
# sanitizer report, a leak or a timeout; the input is left in
# WORK/artifacts. Prints each harness's executions.
set -u
src=$1 work=$2 secs=$3
shift 3
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(replay json_lua json_store set)
command -v clang >/dev/null || { echo "FAIL: clang is not installed (.ci/setup installs it)"; exit 1; }
mkdir -p "$work/artifacts" || exit 1
CC=clang cmake -S "$src/tests/fuzz" -B "$work/build" >"$work/build.log" 2>&1 &&
  cmake --build "$work/build" -j2 >>"$work/build.log" 2>&1 || { echo "FAIL: building the harnesses"; tail -n 20 "$work/build.log"; exit 1; }

seed() { # seed HARNESS DIR: the corpus, fresh from the repository
  local h=$1 dir=$2 f i=0
  rm -rf "$dir" && mkdir -p "$dir"
  case $h in
    replay) cp "$src"/tests/*/*.replay "$dir"/ ;;
    json_lua|json_store) cp "$src"/tests/fuzz/seeds/json/* "$dir"/ ;;
    set)
      # first byte 0: the text is a whole set file
      for f in "$src"/scripts/apps/*/questions.lua "$src"/tests/flows/apps/*/questions.lua; do
        { printf '\0'; cat "$f"; } > "$dir/set$i.lua"; i=$((i + 1))
      done ;;
  esac
  [ -d "$src/tests/fuzz/corpus/$h" ] && cp "$src/tests/fuzz/corpus/$h"/* "$dir"/ 2>/dev/null
  return 0
}

status=0
for h in "${harnesses[@]}"; do
  seed "$h" "$work/corpus/$h"
  "$work/build/fuzz_$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/$h-" "$work/corpus/$h" >"$work/$h.log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$h.log")
  if [ $rc -ne 0 ]; then
    echo "FAIL: fuzz_$h (exit $rc) after ${execs:-?} runs; the input: $(ls "$work/artifacts/$h-"* 2>/dev/null | head -n 1)"
    grep -m 12 'ERROR\|runtime error\|SUMMARY\|#[0-9] ' "$work/$h.log"
    status=1
  else
    echo "fuzz_$h: ${execs:-?} runs in ${secs} s, corpus $(ls "$work/corpus/$h" | wc -l) inputs, no findings"
  fi
done
exit $status
