#!/bin/sh
# cli_test.sh QUIZKIOSK README SRC — the quizkiosk command through its one
# parser: --opt=VALUE and --opt VALUE for the kiosk and every command, the
# exit codes (0 ok, 1 failed, 2 usage), every command's --help, and the
# README's synopses being exactly the ones the program prints.
set -u
qk=$1 readme=$2 src=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect CODE NEEDLE ARGS...: exit code CODE and NEEDLE in stdout+stderr.
expect() {
  want=$1 needle=$2
  shift 2
  "$qk" "$@" >"$dir/out.txt" 2>&1
  got=$?
  if [ "$got" != "$want" ]; then
    fail "quizkiosk $* exited $got, wanted $want"; cat "$dir/out.txt"
  elif [ -n "$needle" ] && ! grep -qF -- "$needle" "$dir/out.txt"; then
    fail "quizkiosk $* did not say '$needle':"; cat "$dir/out.txt"
  fi
}

# The issue's example: rescore takes --db=F like every other command.
expect 1 "cannot read $dir/none.db" rescore --db="$dir/none.db" "$src/scripts/apps/demo"
expect 1 "cannot read $dir/none.db" rescore --db "$dir/none.db" "$src/scripts/apps/demo"
expect 2 "APP_DIR is missing" rescore --db="$dir/none.db"
expect 2 "--db FILE is required" rescore "$src/scripts/apps/demo"
expect 2 "unknown option --bogus" rescore --db="$dir/none.db" --bogus "$src/scripts/apps/demo"
expect 2 "--shots DIR is required" replay-session --db="$dir/none.db" 3 "$src/scripts/apps/demo"
expect 2 "SESSION_ID must be a session's number" replay-session --db="$dir/none.db" --shots="$dir" x "$src/scripts/apps/demo"

# The store's commands through the program, both spellings.
expect 0 "admin PIN set in $dir/k.db" set-pin --db="$dir/k.db" 4321
expect 0 "0 started" stats --db "$dir/k.db"
expect 0 "0 started" stats --db="$dir/k.db"
expect 0 "[]" export --db="$dir/k.db" --format=json
expect 0 "backed up" backup --db="$dir/k.db" --out="$dir/k-backup.db"
expect 2 "--before YYYY-MM-DD is required" purge --db="$dir/k.db"
# The fleet's local commands: a database that is not there is a typo.
expect 0 "nothing refused by the server" fleet refused --db="$dir/k.db"
expect 0 "nothing to resend" fleet resend --db "$dir/k.db"
expect 1 "no database at $dir/none.db" fleet refused --db "$dir/none.db"
expect 1 "no database at $dir/none.db" fleet resend --db "$dir/none.db"
[ ! -e "$dir/none.db" ] || fail "fleet refused created a database"

# The kiosk's own options: values, ranges, exclusions.
expect 0 "quizkiosk " --version
expect 2 "--time-limit wants a whole number from 10 to 60000" --time-limit=5
expect 2 "--memory-limit wants a whole number from 4 to 4096" --memory-limit 9999
expect 2 "--watchdog wants a number from 0 to 3600" --watchdog=-1
expect 2 "bad watchdog time" --watchdog=0.05
expect 2 "bad window size" --window=12
expect 2 "--shots needs --replay" --shots="$dir"
expect 2 "choose --fullscreen or --window" --fullscreen --window=800x480
expect 2 "bad renderer" --renderer=vulkan
expect 2 "--headless takes no value" --headless=yes
expect 2 "unexpected argument" "$dir/a" "$dir/b"
QUIZKIOSK_RENDERER=vulkan "$qk" --headless --window 800x480 --db "$dir/r.db" "$src/scripts/apps/demo" \
  >"$dir/out.txt" 2>&1
[ $? = 2 ] && grep -q "bad renderer 'vulkan'" "$dir/out.txt" || fail "QUIZKIOSK_RENDERER=vulkan not refused"

# A real headless run with every value given as --opt=VALUE.
printf 'expect-not Script error\nshot first\n' >"$dir/run.replay"
expect 0 "all held" "$src/scripts/apps/demo" --headless --window=800x480 --db="$dir/run.db" \
  --replay="$dir/run.replay" --shots="$dir/shots" --time-limit=500 --memory-limit=64 --watchdog=0
[ -s "$dir/shots/first.png" ] || fail "the --opt=VALUE run saved no shot"
QUIZKIOSK_RENDERER=vulkan "$qk" "$src/scripts/apps/demo" --renderer=software --headless --db "$dir/run.db" \
  --replay "$dir/run.replay" --shots "$dir/shots" >"$dir/out.txt" 2>&1 ||
  { fail "--renderer on the command line does not win over QUIZKIOSK_RENDERER"; cat "$dir/out.txt"; }

# Help: the whole usage, and each command's own, exit 0.
expect 0 "usage: quizkiosk [APP_DIR]" --help
for c in export stats purge set-pin backup rescore replay-session import new check sync publish; do
  expect 0 "usage: quizkiosk $c " "$c" --help
  expect 0 "--opt VALUE or --opt=VALUE" "$c" -h
done
for c in init status import refused resend; do
  expect 0 "usage: quizkiosk fleet $c " fleet "$c" --help
done

# The README shows the program's synopses, word for word: every synopsis
# the program prints is in one of the README's plain ``` blocks, and every
# quizkiosk line there is one the program prints. Continuation lines (more
# indented) are joined, spaces squeezed.
"$qk" --help | sed -n '1,/COMMAND --help/p' | sed 's/^usage: /       /' |
  awk '/^ *quizkiosk / { if (s) print s; s = $0; next } { s = s " " $0 } END { if (s) print s }' |
  tr -s ' ' | sed 's/^ //' | grep -v 'COMMAND --help' | sort >"$dir/program"
awk '/^```/ { if (inb || other) { if (s) print s; s = ""; inb = 0; other = 0 }
              else if ($0 == "```") inb = 1; else other = 1
              next }
     inb && /^quizkiosk / { if (s) print s; s = $0; next }
     inb && /^ / && s { s = s " " $0; next }
     inb { if (s) print s; s = "" }' "$readme" | tr -s ' ' | grep -v 'COMMAND --help' | sort -u >"$dir/readme"
[ "$(wc -l <"$dir/program")" -ge 8 ] || fail "quizkiosk --help printed fewer than 8 synopses"
missing=$(comm -23 "$dir/program" "$dir/readme")
extra=$(comm -13 "$dir/program" "$dir/readme")
[ -z "$missing" ] || { fail "synopses the README lacks (or shows differently):"; echo "$missing"; }
[ -z "$extra" ] || { fail "README synopses the program does not print:"; echo "$extra"; }

if [ "$fails" -ne 0 ]; then echo "cli: $fails failure(s)"; exit 1; fi
echo "cli: all checks passed"
