#!/bin/sh
# run_replay.sh QUIZKIOSK IMGDIFF APP REPLAY WxH SHOTS DB SRC [shot=ref.png ...] -- [extra args]
# Runs one replay headless with a fresh database, then compares named shots
# with reference images under SRC/tests/ref/.
set -u
qk=$1 diff=$2 app=$3 replay=$4 size=$5 shots=$6 db=$7 src=$8
shift 8
refs=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do refs="$refs $1"; shift; done
[ $# -gt 0 ] && shift
rm -rf "$shots" "$db" "$db-wal" "$db-shm"
mkdir -p "$shots" "$(dirname "$db")"
# A test that needs the staff PIN sets it as staff do: quizkiosk set-pin.
if [ -n "${QK_TEST_PIN:-}" ]; then "$qk" set-pin --db "$db" "$QK_TEST_PIN" >/dev/null || exit 1; fi
"$qk" "$app" --headless --window "$size" --replay "$replay" --shots "$shots" --db "$db" "$@" || exit $?
status=0
for pair in $refs; do
  shot=${pair%%=*} ref=${pair#*=}
  "$diff" "$shots/$shot.png" "$src/tests/ref/$ref" || status=1
done
exit $status
