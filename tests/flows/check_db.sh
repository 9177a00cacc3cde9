#!/bin/sh
# check_db.sh DB SQL EXPECTED — the database a replay left answers SQL with
# EXPECTED (sqlite3's default list output, rows joined by newlines).
db=$1 sql=$2 want=$3
got=$(sqlite3 "$db" "$sql") || { echo "cannot query $db"; exit 1; }
integrity=$(sqlite3 "$db" "PRAGMA integrity_check") || exit 1
[ "$integrity" = ok ] || { echo "integrity_check: $integrity"; exit 1; }
if [ "$got" != "$want" ]; then
  printf 'query:    %s\nexpected: %s\ngot:      %s\n' "$sql" "$want" "$got"
  exit 1
fi
echo "ok: $got"
