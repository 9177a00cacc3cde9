#!/usr/bin/env bash
# kiosk_replay.sh QUIZKIOSK SRC WORK — the real kiosk with --sync: the trade
# fair game replayed headless (tests/flows/fair_correct.replay) on a kiosk
# pointed at a throwaway PostgreSQL 15. Its sync thread sends the game while
# it runs and, on the way out, what is left: afterwards the central copy
# equals the local one and nothing is left queued. The same replay with no
# server configured behaves exactly as before (the flows tests), and with an
# unreachable one the game still completes (the UI never waits on it).
set -euo pipefail
Q=$1 SRC=$2 WORK=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pg.sh"
rm -rf "$WORK"; mkdir -p "$WORK"; cd "$WORK"
trap pg_cleanup EXIT
fails=0
check() { if [ "$2" = "$3" ]; then echo "ok: $1 ($2)"; else echo "FAIL: $1: got '$2', wanted '$3'"; fails=$((fails + 1)); fi; }

pg_setup
pg_start
"$Q" fleet init --pg "$PG_URL" >/dev/null
pg_sql "CREATE ROLE kiosk LOGIN IN ROLE fleet_kiosk"
K="postgresql:///postgres?host=$PGDIR&port=$PGPORT&user=kiosk"
app=$SRC/scripts/apps/trade_fair

QUIZKIOSK_WALL_START_MS=1795000000000 "$Q" "$app" --headless --window 1280x800 --db A.db --kiosk-id kiosk-A \
  --sync "$K" --replay "$SRC/tests/flows/fair_correct.replay" --shots shots >A.out 2>&1 \
  || { echo "FAIL: the game with sync on"; cat A.out; exit 1; }
check "game recorded locally" "$(sqlite3 A.db "SELECT status || '|' || score FROM sessions")" "completed|5995.0"
check "nothing left queued" "$(sqlite3 A.db "SELECT count(*) FROM outbox")" "0"
check "the game centrally" "$(pg_sql "SELECT status || '|' || score || '|' || kiosk FROM fleet.sessions")" "completed|5995|kiosk-A"
check "its answers centrally" "$(pg_sql "SELECT count(*) FROM fleet.answers")" "$(sqlite3 A.db "SELECT count(*) FROM answers")"
check "its events centrally" "$(pg_sql "SELECT count(*) FROM fleet.events")" "$(sqlite3 A.db "SELECT count(*) FROM events")"
check "same uuid" "$(pg_sql "SELECT uuid FROM fleet.sessions")" "$(sqlite3 A.db "SELECT uuid FROM sessions")"
check "HR view: section scores" "$(pg_sql "SELECT jsonb_array_length(sections) > 0 AND score = 5995 FROM fleet.session_results")" "t"
check "BI view: a row per answer" "$(pg_sql "SELECT count(*) FROM fleet.answer_rows")" "$(sqlite3 A.db "SELECT count(*) FROM answers")"
check "BI view: the option's text, not its letter" "$(pg_sql "SELECT count(*) FROM fleet.answer_rows WHERE option_text IS NOT NULL AND option_text <> response #>> '{}'")" "$(sqlite3 A.db "SELECT count(*) FROM answers")"
check "kiosk contact recorded" "$(pg_sql "SELECT kiosk || '|' || backlog FROM fleet.kiosks")" "kiosk-A|0"

# The server gone: the game still completes; the backlog waits.
pg_stop
QUIZKIOSK_WALL_START_MS=1795000000000 "$Q" "$app" --headless --window 1280x800 --db B.db --kiosk-id kiosk-B \
  --sync "$K" --replay "$SRC/tests/flows/fair_correct.replay" --shots shots-b >B.out 2>&1 \
  || { echo "FAIL: the game with the server down"; cat B.out; fails=$((fails + 1)); }
check "game recorded with the server down" "$(sqlite3 B.db "SELECT status || '|' || score FROM sessions")" "completed|5995.0"
[ "$(sqlite3 B.db "SELECT count(*) FROM outbox")" -gt 0 ] && echo "ok: backlog kept" || { echo "FAIL: no backlog"; fails=$((fails + 1)); }
pg_start
"$Q" sync --db B.db --pg "$K" >/dev/null
check "backlog sent later" "$(pg_sql "SELECT count(*) FROM fleet.sessions WHERE kiosk = 'kiosk-B'")" "1"
echo "$fails failure(s)"
[ $fails -eq 0 ]
