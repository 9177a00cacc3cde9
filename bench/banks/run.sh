#!/bin/sh
# run.sh [BUILD_DIR] [RUNS] — bench/run.sh's entry for the question banks:
# time_banks.sh with the kiosk of BUILD_DIR (default: the worktree's build)
# against main's (see README.md here).
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
QK=$(cd "$build" && pwd)/quizkiosk exec sh "$here/time_banks.sh" "${2:-3}"
