#!/bin/sh
# selftest.sh SHIM PROBE WORK — the faultfs shim does what its header says:
# counts, a slow fsync, a kill at the N-th write call, EIO and ENOSPC while
# the control file exists and nothing once it is gone, only on matching
# files; and it works under SQLite (the sqlite3 shell) as under the kiosk.
set -u
shim=$1 probe=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }
# (in the ASan build the probe carries libasan, which the shim comes before)
p() { env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" LD_PRELOAD="$shim" "$@"; }

# Counting, on the matching file only (and its -wal / -journal).
out=$(p FAULTFS_MATCH=results.db FAULTFS_COUNT_FILE=counts "$probe" results.db write pwrite fsync fdatasync truncate)
[ "$out" = "$(printf 'write ok\npwrite ok\nfsync ok\nfdatasync ok\ntruncate ok')" ] || fail "plain calls: $out"
[ "$(cat counts)" = "$(printf 'syncs 2\nwrites 2\ncalls 5')" ] || fail "counts: $(cat counts)"
p FAULTFS_MATCH=results.db FAULTFS_COUNT_FILE=counts "$probe" results.db-wal write fsync >/dev/null
[ "$(cat counts)" = "$(printf 'syncs 1\nwrites 1\ncalls 2')" ] || fail "-wal not matched: $(cat counts)"
p FAULTFS_MATCH=results.db FAULTFS_COUNT_FILE=counts "$probe" other.db write fsync >/dev/null
[ "$(cat counts)" = "$(printf 'syncs 0\nwrites 0\ncalls 0')" ] || fail "other.db counted: $(cat counts)"

# The N-th write-ish call is a power cut: the process dies by SIGKILL
# before that call reaches the file.
rm -f k.db
p FAULTFS_MATCH=k.db FAULTFS_KILL_AT=4 FAULTFS_COUNT_FILE=kcounts "$probe" k.db write write fsync write write > k.out
status=$?
[ "$(sed -n 's/^calls //p' kcounts)" = 4 ] || fail "KILL_AT: the count file says $(cat kcounts)"
[ "$status" -eq 137 ] || fail "KILL_AT: exit $status, not SIGKILL"
[ "$(cat k.out)" = "$(printf 'write ok\nwrite ok\nfsync ok')" ] || fail "KILL_AT output: $(cat k.out)"
[ "$(cat k.db)" = ww ] || fail "KILL_AT: the file holds '$(cat k.db)'"

# Failing storage, while the control file exists, in the way it says.
echo EIO > control
out=$(p FAULTFS_MATCH=f.db FAULTFS_FAIL_FILE="$work/control" "$probe" f.db write fsync truncate)
[ "$out" = "$(printf 'write EIO\nfsync EIO\ntruncate EIO')" ] || fail "EIO: $out"
out=$(p FAULTFS_MATCH=f.db FAULTFS_FAIL_FILE="$work/control" "$probe" g.db write fsync)
[ "$out" = "$(printf 'write ok\nfsync ok')" ] || fail "EIO on a file that does not match: $out"
echo ENOSPC > control
out=$(p FAULTFS_MATCH=f.db FAULTFS_FAIL_FILE="$work/control" "$probe" f.db write pwrite fsync)
[ "$out" = "$(printf 'write ENOSPC\npwrite ENOSPC\nfsync ok')" ] || fail "ENOSPC: $out"
rm control
out=$(p FAULTFS_MATCH=f.db FAULTFS_FAIL_FILE="$work/control" "$probe" f.db write fsync)
[ "$out" = "$(printf 'write ok\nfsync ok')" ] || fail "storage did not come back: $out"

# A slow fsync takes at least the delay (a lower bound: never flaky).
out=$(p FAULTFS_MATCH=s.db FAULTFS_FSYNC_DELAY_MS=200 "$probe" s.db fsync ms fdatasync ms write ms)
ms1=$(echo "$out" | sed -n 2p | cut -d' ' -f2)
ms2=$(echo "$out" | sed -n 4p | cut -d' ' -f2)
[ "$ms1" -ge 200 ] && [ "$ms2" -ge 200 ] || fail "FSYNC_DELAY_MS: $out"

# Under SQLite: a commit in WAL mode syncs, and a failing disk fails it.
p FAULTFS_MATCH=q.db FAULTFS_COUNT_FILE=qcounts sqlite3 q.db \
  "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(a); INSERT INTO t VALUES(1);" >/dev/null \
  || fail "sqlite3 under the shim"
syncs=$(sed -n 's/^syncs //p' qcounts)
[ "${syncs:-0}" -ge 2 ] || fail "SQLite commits were not counted: $(cat qcounts)"
echo EIO > control
if p FAULTFS_MATCH=q.db FAULTFS_FAIL_FILE="$work/control" sqlite3 q.db "INSERT INTO t VALUES(2)" 2>/dev/null; then
  fail "a commit on failing storage succeeded"
fi
rm control
[ "$(sqlite3 q.db 'PRAGMA integrity_check; SELECT count(*) FROM t')" = "$(printf 'ok\n1')" ] \
  || fail "after the failed commit: $(sqlite3 q.db 'PRAGMA integrity_check; SELECT count(*) FROM t')"
echo "faultfs: all held"
