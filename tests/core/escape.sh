#!/bin/sh
# escape.sh QUIZKIOSK SRC — an app must not reach what is not its own:
# another app's sessions, answers, names and scores; the staff operations
# (export, PIN, kiosk settings, quit); files outside its folder through a
# symlink (require, gfx.image). A first app leaves two sessions in the
# database; a second app, sharing it, tries every escape (escape/main.lua)
# and reports; then the database must show nothing changed.
set -u
qk=$1 src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
db=$dir/results.db
cp -R "$src/tests/core/apps/victim" "$src/tests/core/apps/escape" "$dir/" || exit 1
mkdir "$dir/outside"
echo 'return "SECRET"' > "$dir/outside/secret.lua"
cp "$src/tests/ref/core_error_screen.png" "$dir/outside/secret.png"
cp "$src/tests/ref/core_error_screen.png" "$dir/escape/sub/own.png"
ln -s ../outside/secret.lua "$dir/escape/stolen.lua"
ln -s ../outside/secret.png "$dir/escape/stolen.png"
ln -s sub/helper.lua "$dir/escape/inside.lua"
ln -s sub/own.png "$dir/escape/inside.png"

printf 'expect victim ready 1 2\n' > "$dir/victim.replay"
"$qk" "$dir/victim" --headless --window 1280x800 --replay "$dir/victim.replay" --db "$db" || fail "the first app"
before=$(sqlite3 "$db" "SELECT id, app, status, score, passed, checkpoint IS NOT NULL FROM sessions ORDER BY id;
  SELECT session_id, question, response FROM answers ORDER BY 1, 2;
  SELECT key, value FROM settings WHERE key NOT LIKE 'escape.%' ORDER BY key;
  SELECT count(*) FROM score_changes;")

printf 'expect escapes refused\nexpect-not ESCAPED\nexpect-not BROKEN\n' > "$dir/escape.replay"
out=$("$qk" "$dir/escape" --headless --window 1280x800 --replay "$dir/escape.replay" --db "$db" 2>&1)
rc=$?
echo "$out" | grep -E "escapes refused|ESCAPED|BROKEN|replay"
[ $rc -eq 0 ] || fail "the escaping app: $out"

after=$(sqlite3 "$db" "SELECT id, app, status, score, passed, checkpoint IS NOT NULL FROM sessions ORDER BY id;
  SELECT session_id, question, response FROM answers ORDER BY 1, 2;
  SELECT key, value FROM settings WHERE key NOT LIKE 'escape.%' ORDER BY key;
  SELECT count(*) FROM score_changes;")
[ "$before" = "$after" ] || fail "the database changed: before
$before
after
$after"
[ -z "$(ls /tmp/quizkiosk-*.csv 2>/dev/null)" ] || echo "note: /tmp holds an export from elsewhere"
echo "escape: all held"
