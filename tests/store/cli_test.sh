#!/bin/sh
# cli_test.sh CLI FIXTURE DIR [PYTHON3 [PYTHON3_WITH_OPENPYXL]] — the store's subcommands through
# qk_store_cli_test: exit codes (0 ok, 1 failed, 2 usage), messages, and the
# files they write, on the fixture's demo database.
cli=$1 fixture=$2 dir=$3 py=$4 xpy=$5
fails=0
rm -rf "$dir" && mkdir -p "$dir" || exit 1
db=$dir/demo.db
"$fixture" "$db" || { echo "fixture failed"; exit 1; }

# expect CODE NEEDLE ARGS...: exit code CODE and NEEDLE in stdout+stderr.
expect() {
  want=$1 needle=$2
  shift 2
  "$cli" "$@" >"$dir/out.txt" 2>"$dir/err.txt"
  got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $* exited $got, wanted $want"; cat "$dir/out.txt" "$dir/err.txt"; fails=$((fails + 1))
  elif [ -n "$needle" ] && ! cat "$dir/out.txt" "$dir/err.txt" | grep -q -- "$needle"; then
    echo "FAIL: $* did not say '$needle':"; cat "$dir/out.txt" "$dir/err.txt"; fails=$((fails + 1))
  fi
}
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# set-pin
expect 2 "4 to 12 digits" set-pin --db "$db" 12a4
expect 2 "4 to 12 digits" set-pin --db "$db" 123
expect 2 "PIN is missing" set-pin --db "$db"
expect 2 "--db FILE is required" set-pin 1234
expect 0 "admin PIN set" set-pin --db "$db" 4321
expect 0 "admin PIN set" set-pin --db="$dir/new/kiosk.db" 4321   # a new kiosk's database
[ -f "$dir/new/kiosk.db" ] || fail "set-pin did not create the new database"

# stats
expect 0 "5 started: 3 completed, 1 abandoned, 0 timed out, 0 interrupted, 1 in progress" stats --db "$db"
expect 0 "completion rate 75.0%, pass rate 66.7%, average score 66.7%" stats --db "$db"
expect 0 "recruit/gk \"General knowledge 常识\": 5 sessions" stats --db "$db"
expect 1 "no database at" stats --db "$dir/missing.db"
expect 2 "unknown option --bogus" stats --db "$db" --bogus

# export
expect 0 "the answers are in FILE_answers.csv" export --db "$db" --format csv
head -c 3 "$dir/out.txt" | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM in the CSV on stdout"
grep -q "^id,kiosk,app" "$dir/out.txt" || grep -q "id,kiosk,app" "$dir/out.txt" || fail "no CSV header on stdout"
grep -q "王伟" "$dir/out.txt" || fail "Chinese name missing from the CSV on stdout"
grep -q "wrote" "$dir/out.txt" && fail "a message went into the CSV on stdout"
expect 2 "--format csv, --format json or --format xlsx" export --db "$db" --format xml
expect 2 "give --out FILE.xlsx" export --db "$db" --format xlsx
expect 0 "wrote $dir/res.xlsx" export --db "$db" --format xlsx --out "$dir/res.xlsx"
[ -f "$dir/res.xlsx" ] && [ ! -f "$dir/res.xlsx.part" ] || fail "xlsx file missing or .part left"
expect 1 "cannot write" export --db "$db" --format xlsx --out "$dir/no/such/folder/res.xlsx"
expect 2 "not a date" export --db "$db" --format json --since 2024-13-01
expect 2 "--out needs a value" export --db "$db" --format json --out
expect 0 "wrote sessions to $dir/res.csv and answers to $dir/res_answers.csv" \
  export --db "$db" --format csv --out "$dir/res.csv"
[ -f "$dir/res.csv" ] && [ -f "$dir/res_answers.csv" ] || fail "csv files missing"
head -c 3 "$dir/res.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM in res.csv"
grep -q "王伟" "$dir/res.csv" || fail "Chinese name missing from res.csv"
expect 0 "" export --db "$db" --format json
cp "$dir/out.txt" "$dir/stdout.json"
grep -q '"name":"王伟"' "$dir/stdout.json" || fail "json on stdout lacks the name"
expect 0 "" export --db "$db" --format json --since 2024-05-01
grep -q '"name":"王伟"' "$dir/out.txt" && fail "--since did not filter"
if [ -n "$py" ]; then
  "$py" -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); assert len(d) == 5, len(d)' \
    "$dir/stdout.json" || fail "stdout JSON does not parse"
else
  echo "SKIP: no python3 to parse the JSON"
fi

# purge
expect 2 "--before YYYY-MM-DD is required" purge --db "$db"
expect 2 "not a date" purge --db "$db" --before 2024-02-30
expect 0 "purged personal data of 1 session started before 2024-05-01: deleted 4 candidate fields" \
  purge --db "$db" --before 2024-05-01
expect 0 "purged personal data of 0 sessions" purge --db "$db" --before 2024-05-01
expect 0 "" export --db "$db" --format json
grep -q "王伟" "$dir/out.txt" && fail "name still exported after purge"
grep -q '"score":2,"max_score":3' "$dir/out.txt" || fail "score lost by purge"
# The columns stay; the personal cells are empty.
expect 0 "" export --db "$db" --format csv
sed -n 1p "$dir/out.txt" | tr -d '\r' >"$dir/head_after.txt"
sed -n 1p "$dir/res.csv" | tr -d '\r' >"$dir/head_before.txt"
cmp -s "$dir/head_before.txt" "$dir/head_after.txt" || fail "purge changed the CSV columns"
grep -q "王伟\|138 0000" "$dir/out.txt" && fail "personal cells still in the CSV after purge"
expect 0 "wrote $dir/purged.xlsx" export --db "$db" --format xlsx --out "$dir/purged.xlsx"

# backup
expect 2 "--out FILE is required" backup --db "$db"
expect 1 "no database at" backup --db "$dir/missing.db" --out "$dir/b.db"
expect 0 "backed up $db to $dir/backup.db" backup --db "$db" --out "$dir/backup.db"
[ -f "$dir/backup.db" ] && [ ! -f "$dir/backup.db.part" ] || fail "backup file missing or .part left"
expect 0 "5 started: 3 completed" stats --db "$dir/backup.db"
expect 1 "the database itself" backup --db "$db" --out "$db"
expect 0 "quizkiosk backup --db FILE --out FILE" backup --help

# a damaged database is reported, not crashed on
printf 'this is not a database at all, just text that is long enough to fill a header.....' >"$dir/bad.db"
expect 1 "damaged" stats --db "$dir/bad.db"
expect 2 "not a store command" nonsense

# The workbooks, read by openpyxl (a reader nobody here wrote; Debian's
# python3-openpyxl, so Debian's python3, $5).
"${xpy:-/usr/bin/python3}" "$(dirname "$0")/check_xlsx.py" "$dir/res.xlsx" "$dir/purged.xlsx" ||
  fail "the xlsx check failed"

if [ "$fails" -ne 0 ]; then echo "store_cli: $fails failure(s)"; exit 1; fi
echo "store_cli: all checks passed"
