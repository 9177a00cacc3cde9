#!/usr/bin/env bash
# refuse.sh QUIZKIOSK KIOSK_SIM SRC WORKDIR — a real PostgreSQL 15 that
# refuses some of a kiosk's records for their content, and one that fails
# for its own sake:
#   - the server refuses one session (a trigger of this test's: RAISE,
#     P0001), one answer of another (a CHECK: 23514) and one event of a
#     third (a trigger raising 22000): the sync worker sets exactly those
#     aside with the server's reason, holds the refused session's later
#     records behind it, and sends every other row (central = local minus
#     those, exactly); nothing is lost locally; the worker's state and the
#     staff screen count them; `fleet refused` lists them;
#   - with the trigger and check dropped, `fleet resend` and one sync
#     deliver each set-aside record exactly once: central = local;
#   - a deferred trigger refusing an answer at COMMIT (no one query to
#     blame: found by halves), and a personal field refused without the
#     field's value copied into the reason;
#   - a server that fails for itself (a table renamed away, 42P01; the
#     server stopped) marks nothing refused: the batch waits, and goes
#     through once the server is back.
set -euo pipefail
Q=$1 SIM=$2 SRC=$3 WORK=$4
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pg.sh"

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
trap pg_cleanup EXIT
fails=0
check() { # check WHAT GOT WANT
  if [ "$2" = "$3" ]; then echo "ok: $1 ($2)"; else echo "FAIL: $1: got '$2', wanted '$3'"; fails=$((fails + 1)); fi
}
has() { # has WHAT FILE NEEDLE
  if grep -qF -- "$3" "$2"; then echo "ok: $1"; else echo "FAIL: $1: no '$3' in:"; cat "$2"; fails=$((fails + 1)); fi
}

pg_setup
pg_start
"$Q" fleet init --pg "$PG_URL" >/dev/null
pg_sql "CREATE ROLE kiosk LOGIN IN ROLE fleet_kiosk"
K="postgresql:///postgres?host=$PGDIR&port=$PGPORT&user=kiosk"

# compare DB EXCLUDED KIOSK: central rows of KIOSK vs the kiosk's own,
# leaving out the rows named in the temp tables the SQL in EXCLUDED fills
# (xs: session uuids; xa: (session, question); xe: (session, seq); xp:
# (session, field)). Prints one line per table: table|local|central|missing|extra.
compare() {
  sqlite3 -csv "$1" "SELECT s.uuid, s.kiosk, s.status, s.score, s.version FROM sessions s" >ls.csv
  sqlite3 -csv "$1" "SELECT s.uuid, a.question, a.seq, a.response, a.version FROM answers a JOIN sessions s ON s.id = a.session_id" >la.csv
  sqlite3 -csv "$1" "SELECT s.uuid, v.seq, v.kind, v.data, v.version FROM events v JOIN sessions s ON s.id = v.session_id" >le.csv
  sqlite3 -csv "$1" "SELECT s.uuid, c.field, c.value FROM candidates c JOIN sessions s ON s.id = c.session_id" >lp.csv
  psql -X -q -v ON_ERROR_STOP=1 -At <<SQL
CREATE TEMP TABLE ls(uuid uuid, kiosk text, status text, score float8, version int);
CREATE TEMP TABLE la(session uuid, question text, seq int, response jsonb, version int);
CREATE TEMP TABLE le(session uuid, seq int, kind text, data jsonb, version int);
CREATE TEMP TABLE lp(session uuid, field text, value text);
CREATE TEMP TABLE xs(uuid uuid);
CREATE TEMP TABLE xa(session uuid, question text);
CREATE TEMP TABLE xe(session uuid, seq int);
CREATE TEMP TABLE xp(session uuid, field text);
\copy ls FROM 'ls.csv' CSV
\copy la FROM 'la.csv' CSV
\copy le FROM 'le.csv' CSV
\copy lp FROM 'lp.csv' CSV
$2
DELETE FROM ls WHERE uuid IN (SELECT uuid FROM xs);
DELETE FROM la WHERE session IN (SELECT uuid FROM xs) OR (session, question) IN (SELECT * FROM xa);
DELETE FROM le WHERE session IN (SELECT uuid FROM xs) OR (session, seq) IN (SELECT * FROM xe);
DELETE FROM lp WHERE session IN (SELECT uuid FROM xs) OR (session, field) IN (SELECT * FROM xp);
CREATE TEMP VIEW cs AS SELECT uuid, kiosk, status, score, version FROM fleet.sessions WHERE kiosk = '$3';
CREATE TEMP VIEW ca AS SELECT session, question, seq, response, version FROM fleet.answers WHERE session IN (SELECT uuid FROM fleet.sessions WHERE kiosk = '$3');
CREATE TEMP VIEW ce AS SELECT session, seq, kind, data, version FROM fleet.events WHERE session IN (SELECT uuid FROM fleet.sessions WHERE kiosk = '$3');
CREATE TEMP VIEW cp AS SELECT * FROM fleet.personal WHERE session IN (SELECT uuid FROM fleet.sessions WHERE kiosk = '$3');
SELECT 'sessions', (SELECT count(*) FROM ls), (SELECT count(*) FROM cs),
  (SELECT count(*) FROM (SELECT * FROM ls EXCEPT ALL SELECT * FROM cs) x), (SELECT count(*) FROM (SELECT * FROM cs EXCEPT ALL SELECT * FROM ls) x);
SELECT 'answers', (SELECT count(*) FROM la), (SELECT count(*) FROM ca),
  (SELECT count(*) FROM (SELECT * FROM la EXCEPT ALL SELECT * FROM ca) x), (SELECT count(*) FROM (SELECT * FROM ca EXCEPT ALL SELECT * FROM la) x);
SELECT 'events', (SELECT count(*) FROM le), (SELECT count(*) FROM ce),
  (SELECT count(*) FROM (SELECT * FROM le EXCEPT ALL SELECT * FROM ce) x), (SELECT count(*) FROM (SELECT * FROM ce EXCEPT ALL SELECT * FROM le) x);
SELECT 'personal', (SELECT count(*) FROM lp), (SELECT count(*) FROM cp),
  (SELECT count(*) FROM (SELECT * FROM lp EXCEPT ALL SELECT * FROM cp) x), (SELECT count(*) FROM (SELECT * FROM cp EXCEPT ALL SELECT * FROM lp) x);
SQL
}
check_compare() { # check_compare WHAT DB EXCLUDED [KIOSK]
  local out
  out=$(compare "$2" "$3" "${4:-kiosk-R}")
  echo "$out"
  while IFS='|' read -r table nl nc miss extra; do
    check "$1: $table: central = local" "$nc/$miss/$extra" "$nl/0/0"
  done <<<"$out"
}

# ---- the server refuses three records for their content ----------------------
"$SIM" exams R.db kiosk-R 6 --seed 7 >/dev/null # no --pg: all of it waits
U=$(sqlite3 R.db "SELECT uuid FROM sessions ORDER BY id LIMIT 1 OFFSET 2")
V=$(sqlite3 R.db "SELECT uuid FROM sessions ORDER BY id LIMIT 1 OFFSET 4")
X=$(sqlite3 R.db "SELECT uuid FROM sessions ORDER BY id LIMIT 1 OFFSET 1")
records=$(sqlite3 R.db "SELECT count(*) FROM outbox")
# U's records after its first (session) record wait behind it.
held=$(sqlite3 R.db "SELECT count(*) - 1 FROM outbox o JOIN sessions s ON s.id = o.session_id WHERE s.uuid = '$U'")
pg_sql "CREATE FUNCTION public.refuse_session() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN
          IF NEW.uuid = '$U' THEN RAISE EXCEPTION 'session % is under review', NEW.uuid; END IF; RETURN NEW; END\$\$;
        CREATE TRIGGER refuse_session BEFORE INSERT OR UPDATE ON fleet.sessions FOR EACH ROW EXECUTE FUNCTION public.refuse_session();
        CREATE FUNCTION public.refuse_event() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN
          IF NEW.session = '$X' AND NEW.seq = 2 THEN RAISE EXCEPTION 'event % of % is malformed', NEW.seq, NEW.session USING ERRCODE = 'data_exception'; END IF; RETURN NEW; END\$\$;
        CREATE TRIGGER refuse_event BEFORE INSERT OR UPDATE ON fleet.events FOR EACH ROW EXECUTE FUNCTION public.refuse_event();
        ALTER TABLE fleet.answers ADD CONSTRAINT refuse_q3 CHECK (session <> '$V' OR question <> 'q3')"

"$SIM" sync R.db kiosk-R --pg "$K" >sync.out 2>sync.err || { echo "FAIL: the worker never settled: $(cat sync.err)"; fails=$((fails + 1)); }
cat sync.out
has "worker: three refused, U's later records held, nothing left to send" sync.out "connected=1 backlog=0 refused=3 held=$held "
has "worker: the latest reason is the server's" sync.out 'reason=23514 new row for relation "answers" violates check constraint "refuse_q3"'
check "refused locally: exactly those three, with the server's codes" \
  "$(sqlite3 R.db "SELECT group_concat(o.kind || ':' || s.uuid || ':' || o.refused_code, ' ') FROM (SELECT * FROM outbox WHERE refused_at IS NOT NULL ORDER BY id) o JOIN sessions s ON s.id = o.session_id")" \
  "$(printf 'event:%s:22000 session:%s:P0001 answer:%s:23514' "$X" "$U" "$V")"
check "U's session refused by the trigger" \
  "$(sqlite3 R.db "SELECT refused_reason FROM outbox o JOIN sessions s ON s.id = o.session_id WHERE s.uuid = '$U' AND refused_at IS NOT NULL")" \
  "session $U is under review"
check "nothing lost: every record refused or held, the rest sent" "$(sqlite3 R.db 'SELECT count(*) FROM outbox')" "$((3 + held))"
check "the local rows are all there" "$(sqlite3 R.db 'SELECT count(*) FROM sessions')" "6"
check "U is not central" "$(pg_sql "SELECT count(*) FROM fleet.sessions WHERE uuid = '$U'")" "0"
check "V is central, completed" "$(pg_sql "SELECT status FROM fleet.sessions WHERE uuid = '$V'")" "completed"
check_compare "refused" R.db "INSERT INTO xs VALUES ('$U'); INSERT INTO xa VALUES ('$V', 'q3'); INSERT INTO xe VALUES ('$X', 2);"

"$Q" fleet refused --db R.db >refused.txt
cat refused.txt
has "fleet refused: the counts" refused.txt "3 refused by the server, $held waiting behind them, 0 to send"
has "fleet refused: the trigger's message" refused.txt "P0001 session $U is under review"
has "fleet refused: the check's message" refused.txt "23514 new row for relation \"answers\" violates check constraint \"refuse_q3\""
check "fleet refused: one line per record" "$(grep -cP "^\d+\t" refused.txt)" "$((3 + held))"
check "fleet refused: the held ones say what they wait for" "$(grep -c "waits for" refused.txt)" "$held"

# The staff screen of that kiosk (a copy, with a PIN), connected.
cp R.db S.db
"$Q" set-pin --db S.db 1234 >/dev/null
cat >staff.replay <<REPLAY
expect version 1
press 20,20
wait 3100
release 20,20
expect 请输入管理员 PIN
tap 1
tap 2
tap 3
tap 4
tap 完成
expect 管理 · Admin
expect 3 条被服务器拒绝 refused by the server (+$held 等待 waiting)
expect 拒绝原因 reason: 23514 new row for relation
shot refused
REPLAY
if "$Q" "$SRC/tests/core/apps/reload" --headless --window 1280x800 --replay staff.replay --shots shots --db S.db \
     --sync "$K" --kiosk-id kiosk-R >staff.out 2>&1; then echo "ok: the staff screen counts them"
else echo "FAIL: the staff screen"; cat staff.out; fails=$((fails + 1)); fi

# ---- fixed on the server: resent, delivered exactly once ----------------------
pg_sql "DROP TRIGGER refuse_session ON fleet.sessions; DROP TRIGGER refuse_event ON fleet.events;
        ALTER TABLE fleet.answers DROP CONSTRAINT refuse_q3"
"$Q" fleet resend --db R.db >resend.txt
has "fleet resend" resend.txt "3 refused records queued again (with $held that waited behind them)"
"$Q" sync --db R.db --pg "$K" --kiosk-id kiosk-R >sync2.txt
check "resent: each set-aside record sent once" "$(cat sync2.txt)" "sent $((3 + held)) records"
check "resent: nothing left" "$(sqlite3 R.db 'SELECT count(*) FROM outbox')" "0"
check_compare "resent" R.db ""
"$Q" fleet refused --db R.db >refused2.txt
has "fleet refused: none now" refused2.txt "nothing refused by the server"

# ---- refused at COMMIT (no one record to blame), and a personal field ----------
"$SIM" exams D.db kiosk-D 4 --seed 11 >/dev/null
D1=$(sqlite3 D.db "SELECT uuid FROM sessions ORDER BY id LIMIT 1 OFFSET 1")
D2=$(sqlite3 D.db "SELECT uuid FROM sessions ORDER BY id LIMIT 1 OFFSET 2")
nick=$(sqlite3 D.db "SELECT value FROM candidates c JOIN sessions s ON s.id = c.session_id WHERE s.uuid = '$D1' AND field = 'nickname'")
pg_sql "CREATE FUNCTION public.refuse_late() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN
          IF NEW.session = '$D2' AND NEW.question = 'q2' THEN RAISE EXCEPTION 'answer % of % refused at commit', NEW.question, NEW.session; END IF; RETURN NULL; END\$\$;
        CREATE CONSTRAINT TRIGGER refuse_late AFTER INSERT OR UPDATE ON fleet.answers DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION public.refuse_late();
        ALTER TABLE fleet.personal ADD CONSTRAINT refuse_nick CHECK (value <> '$nick')"
"$Q" sync --db D.db --pg "$K" >d.out 2>d.err || { echo "FAIL: sync with two refusals: $(cat d.err)"; fails=$((fails + 1)); }
has "sync: says the server refused two" d.err "the server refused 2 records; set aside, the rest went on"
check "deferred: the answer found by halves, the field by itself" \
  "$(sqlite3 D.db "SELECT group_concat(kind || ':' || refused_code || ':' || refused_reason, ' / ') FROM (SELECT * FROM outbox WHERE refused_at IS NOT NULL ORDER BY id)")" \
  "$(printf 'candidate:23514:new row for relation "personal" violates check constraint "refuse_nick" / answer:P0001:answer q2 of %s refused at commit' "$D2")"
check "deferred: nothing else waits" "$(sqlite3 D.db "SELECT count(*) FROM outbox")" "2"
check_compare "deferred" D.db "INSERT INTO xa VALUES ('$D2', 'q2'); INSERT INTO xp VALUES ('$D1', 'nickname');" kiosk-D
pg_sql "DROP TRIGGER refuse_late ON fleet.answers; ALTER TABLE fleet.personal DROP CONSTRAINT refuse_nick"
"$Q" fleet resend --db D.db >/dev/null
"$Q" sync --db D.db --pg "$K" >d2.out
check "deferred: resent once" "$(cat d2.out)" "sent 2 records"
check_compare "deferred, resent" D.db "" kiosk-D

# ---- the server fails for itself: nothing is refused ---------------------------
"$SIM" exams W.db kiosk-W 3 --seed 9 >/dev/null
waiting=$(sqlite3 W.db "SELECT count(*) FROM outbox")
pg_sql "ALTER TABLE fleet.events RENAME TO events_gone"
if "$Q" sync --db W.db --pg "$K" >w1.out 2>w1.err; then echo "FAIL: sync with no events table succeeded"; fails=$((fails + 1)); fi
has "schema mismatch: the server's error" w1.err "does not exist"
check "schema mismatch: nothing refused, nothing sent" "$(sqlite3 W.db "SELECT count(*) || '/' || count(refused_at) FROM outbox")" "$waiting/0"
"$SIM" sync W.db kiosk-W --pg "$K" --for 2500 >w2.out 2>&1
cat w2.out
has "schema mismatch: the worker keeps retrying, refuses nothing" w2.out "refused=0 held=0"
has "schema mismatch: the worker says why" w2.out "does not exist"
check "schema mismatch: the worker sent nothing" "$(sqlite3 W.db "SELECT count(*) || '/' || count(refused_at) FROM outbox")" "$waiting/0"
pg_sql "ALTER TABLE fleet.events_gone RENAME TO events"
pg_stop
if "$Q" sync --db W.db --pg "$K" >w3.out 2>w3.err; then echo "FAIL: sync with the server down succeeded"; fails=$((fails + 1)); fi
check "server down: nothing refused" "$(sqlite3 W.db "SELECT count(*) || '/' || count(refused_at) FROM outbox")" "$waiting/0"
pg_start
"$Q" sync --db W.db --pg "$K" >w4.out
check "server back: all of it sent" "$(cat w4.out)" "sent $waiting records"
check "server back: nothing left, nothing refused" "$(sqlite3 W.db "SELECT count(*) FROM outbox")" "0"

echo "$fails failure(s)"
[ $fails -eq 0 ]
