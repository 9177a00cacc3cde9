#!/usr/bin/env bash
# fleet_test.sh — three kiosks against one real PostgreSQL 15 (issue 12):
#   - the server is down for the first half of the exams;
#   - the kiosks' connections are killed (pg_terminate_backend) while they sync;
#   - the server restarts;
#   - kiosk C is SIGKILLed while it has records in flight, and its backlog is
#     then pushed with `quizkiosk sync` (the recovery path);
# afterwards the central rows equal the union of the kiosks' rows exactly
# (0 missing, 0 extra, 0 duplicated; statuses, scores, versions equal).
# Then: a score finished on kiosk A shows on kiosk B's leaderboard; purge on
# a kiosk purges centrally; roles keep personal fields to HR; a bundle
# imported twice adds nothing; fleet status lists every kiosk.
# Usage: fleet_test.sh QUIZKIOSK KIOSK_SIM WORKDIR
set -euo pipefail
Q=$1 SIM=$2 WORK=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pg.sh"

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  pg_cleanup
}
trap cleanup EXIT
fails=0
check() { # check WHAT GOT WANT
  if [ "$2" = "$3" ]; then echo "ok: $1 ($2)"; else echo "FAIL: $1: got '$2', wanted '$3'"; fails=$((fails + 1)); fi
}
wait_for() { # wait_for SECONDS COMMAND...: until COMMAND succeeds
  local until=$((SECONDS + $1)); shift
  until "$@"; do
    [ $SECONDS -lt $until ] || return 1
    sleep 0.1
  done
}

pg_setup
pg_start
"$Q" fleet init --pg "$PG_URL"
"$Q" fleet init --pg "$PG_URL" >/dev/null # again: an upgrade is running it again
pg_sql "CREATE ROLE kiosk LOGIN IN ROLE fleet_kiosk; CREATE ROLE hr LOGIN IN ROLE fleet_hr; CREATE ROLE bi LOGIN IN ROLE fleet_bi"
K="postgresql:///postgres?host=$PGDIR&port=$PGPORT&user=kiosk"

# ---- three kiosks, the server down for the first half -----------------------
pg_stop
N=40
# C sends in small batches, so its catching up lasts long enough to be cut.
for k in A B C; do
  batch=200; [ $k = C ] && batch=10
  "$SIM" exams "$k.db" "kiosk-$k" $N --pg "$K" --half "$k.half" --seed "$(printf %d "'$k")" --pace 15 \
    --batch $batch >"$k.out" 2>"$k.err" &
  pids+=($!)
done
pidA=${pids[0]} pidB=${pids[1]} pidC=${pids[2]}
wait_for 120 test -f A.half -a -f B.half -a -f C.half || { echo "FAIL: kiosks never reached half"; exit 1; }
check "nothing sent while the server was down" \
  "$(for k in A B C; do sqlite3 "$k.db" "SELECT count(*) > 0 FROM outbox"; done | tr -d '\n')" "111"
pg_start
# While the kiosks catch up, every event row costs the server 20 ms (a
# trigger of this test's own), so a batch stays in flight long enough to
# be cut on purpose, whatever the machine's speed. Dropped before the restart.
pg_sql "CREATE FUNCTION public.slow_batch() RETURNS trigger LANGUAGE plpgsql AS \$\$BEGIN PERFORM pg_sleep(0.02); RETURN NEW; END\$\$;
        CREATE TRIGGER slow_batch BEFORE INSERT ON fleet.events FOR EACH ROW EXECUTE FUNCTION public.slow_batch()"

# ---- kiosk C SIGKILLed with records in flight -----------------------------
c_has_sent() { [ "$(pg_sql "SELECT count(*) FROM fleet.sessions WHERE kiosk = 'kiosk-C'")" -gt 0 ] && \
               [ "$(sqlite3 C.db 'SELECT count(*) FROM outbox')" -gt 0 ]; }
if wait_for 90 c_has_sent; then
  kill -9 "$pidC"
  wait "$pidC" 2>/dev/null || true
  echo "kiosk C killed with $(sqlite3 C.db 'SELECT count(*) FROM outbox') records unsent"
else
  echo "FAIL: kiosk C never had records both sent and unsent"; fails=$((fails + 1))
fi
# ---- connections killed mid-batch -------------------------------------------
# Only backends inside a transaction or running a query: a batch in flight.
killed=0
until=$((SECONDS + 30))
while [ $SECONDS -lt $until ]; do
  n=$(pg_sql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'quizkiosk' AND state IN ('active', 'idle in transaction') AND pid <> pg_backend_pid()")
  killed=$((killed + n))
  [ $killed -ge 4 ] && break
  sleep 0.2
done
echo "terminated $killed kiosk connections mid-batch"
[ $killed -gt 0 ] || { echo "FAIL: no kiosk connection caught mid-batch"; fails=$((fails + 1)); }

# ---- server restart ---------------------------------------------------------
pg_sql "DROP TRIGGER slow_batch ON fleet.events; DROP FUNCTION public.slow_batch()"
pg_restart

wait "$pidA" || { echo "FAIL: kiosk A: $(cat A.err)"; fails=$((fails + 1)); }
wait "$pidB" || { echo "FAIL: kiosk B: $(cat B.err)"; fails=$((fails + 1)); }
# C comes back: its unfinished exams are what the power cut left; its
# backlog goes with the command (cron, recovery).
"$Q" sync --db C.db --pg "$K" --kiosk-id kiosk-C
check "C's backlog after sync" "$(sqlite3 C.db 'SELECT count(*) FROM outbox')" "0"

# ---- central == union of local -----------------------------------------------
dump() { # dump NAME SQL: the three kiosks' rows as one CSV
  for k in A B C; do sqlite3 -csv "$k.db" "$2"; done >"$1.csv"
}
dump sessions "SELECT s.uuid, s.kiosk, e.app, e.exam, s.status, s.score, s.max_score, s.passed, s.version, s.finished_at FROM sessions s JOIN exams e ON e.id = s.exam_ref"
dump answers "SELECT s.uuid, a.question, a.seq, a.response, a.points, a.correct, a.revisions, a.version FROM answers a JOIN sessions s ON s.id = a.session_id"
dump events "SELECT s.uuid, v.seq, v.t_ms, v.kind, v.data, v.version FROM events v JOIN sessions s ON s.id = v.session_id"
dump personal "SELECT s.uuid, c.field, c.value FROM candidates c JOIN sessions s ON s.id = c.session_id"
compare=$(psql -X -q -v ON_ERROR_STOP=1 -At <<SQL
CREATE TEMP TABLE ls(uuid uuid, kiosk text, app text, exam text, status text, score float8, max_score float8, passed int, version int, finished_at bigint);
CREATE TEMP TABLE la(session uuid, question text, seq int, response jsonb, points float8, correct int, revisions int, version int);
CREATE TEMP TABLE le(session uuid, seq int, t_ms bigint, kind text, data jsonb, version int);
CREATE TEMP TABLE lp(session uuid, field text, value text);
\copy ls FROM 'sessions.csv' CSV
\copy la FROM 'answers.csv' CSV
\copy le FROM 'events.csv' CSV
\copy lp FROM 'personal.csv' CSV
SELECT 'sessions', (SELECT count(*) FROM ls), (SELECT count(*) FROM fleet.sessions),
  (SELECT count(*) FROM (SELECT * FROM ls EXCEPT ALL SELECT uuid, kiosk, app, exam, status, score, max_score, passed, version, finished_at FROM fleet.sessions) x),
  (SELECT count(*) FROM (SELECT uuid, kiosk, app, exam, status, score, max_score, passed, version, finished_at FROM fleet.sessions EXCEPT ALL SELECT * FROM ls) x),
  (SELECT count(*) - count(DISTINCT uuid) FROM ls);
SELECT 'answers', (SELECT count(*) FROM la), (SELECT count(*) FROM fleet.answers),
  (SELECT count(*) FROM (SELECT * FROM la EXCEPT ALL SELECT session, question, seq, response, points, correct, revisions, version FROM fleet.answers) x),
  (SELECT count(*) FROM (SELECT session, question, seq, response, points, correct, revisions, version FROM fleet.answers EXCEPT ALL SELECT * FROM la) x),
  (SELECT count(*) - count(DISTINCT (session, question)) FROM la);
SELECT 'events', (SELECT count(*) FROM le), (SELECT count(*) FROM fleet.events),
  (SELECT count(*) FROM (SELECT * FROM le EXCEPT ALL SELECT session, seq, t_ms, kind, data, version FROM fleet.events) x),
  (SELECT count(*) FROM (SELECT session, seq, t_ms, kind, data, version FROM fleet.events EXCEPT ALL SELECT * FROM le) x),
  (SELECT count(*) - count(DISTINCT (session, seq)) FROM le);
SELECT 'personal', (SELECT count(*) FROM lp), (SELECT count(*) FROM fleet.personal),
  (SELECT count(*) FROM (SELECT * FROM lp EXCEPT ALL SELECT * FROM fleet.personal) x),
  (SELECT count(*) FROM (SELECT * FROM fleet.personal EXCEPT ALL SELECT * FROM lp) x),
  (SELECT count(*) - count(DISTINCT (session, field)) FROM lp);
SQL
)
echo "table|local|central|missing|extra|duplicated"
echo "$compare"
while IFS='|' read -r table nl nc miss extra dup; do
  check "$table: central rows = local rows" "$nc" "$nl"
  check "$table: missing / extra / duplicated" "$miss/$extra/$dup" "0/0/0"
done <<<"$compare"
sessions=$(sqlite3 A.db "SELECT count(*) FROM sessions")
check "kiosk A's sessions all completed" "$(sqlite3 A.db "SELECT count(*) FROM sessions WHERE status = 'completed'")" "$N"
[ "$(echo "$compare" | head -1 | cut -d'|' -f2)" -ge $((2 * N + 1)) ] || { echo "FAIL: too few sessions"; fails=$((fails + 1)); }

# ---- a score on kiosk A on kiosk B's leaderboard ----------------------------
rm -f B.ready
"$SIM" watch B.db kiosk-B --pg "$K" --exam quiz --name "star of A" --ready B.ready >B.watch 2>&1 &
pids+=($!)
watch=$!
wait_for 60 test -f B.ready || { echo "FAIL: B never read the central board"; fails=$((fails + 1)); }
"$SIM" finish A.db kiosk-A --pg "$K" --exam quiz --name "star of A" --score 100
if wait "$watch"; then echo "ok: A's score on B's board ($(cat B.watch))"; else
  echo "FAIL: A's score never on B's board: $(cat B.watch)"; fails=$((fails + 1)); fi

# ---- roles --------------------------------------------------------------------
check "HR reads personal fields" "$(psql -X -At -U hr -c 'SELECT count(*) > 0 FROM fleet.personal')" "t"
check "BI reads results" "$(psql -X -At -U bi -c 'SELECT count(*) > 0 FROM fleet.session_results')" "t"
check "BI cannot read personal fields" "$(psql -X -At -U bi -c 'SELECT 1 FROM fleet.personal' 2>&1 | grep -c 'permission denied')" "1"
check "a kiosk cannot read results" "$(psql -X -At -U kiosk -c 'SELECT 1 FROM fleet.sessions' 2>&1 | grep -c 'permission denied')" "1"
check "answer rows view" "$(psql -X -At -U bi -c 'SELECT count(*) FROM fleet.answer_rows')" "$(pg_sql 'SELECT count(*) FROM fleet.answers')"

# ---- purge on a kiosk purges centrally -------------------------------------------
"$Q" purge --db A.db --before 2999-01-01 >/dev/null
"$Q" sync --db A.db --pg "$K" >/dev/null
check "A's personal fields gone centrally" "$(pg_sql "SELECT count(*) FROM fleet.personal p JOIN fleet.sessions s ON s.uuid = p.session WHERE s.kiosk = 'kiosk-A'")" "0"
check "A's sessions marked purged centrally" "$(pg_sql "SELECT count(*) FROM fleet.sessions WHERE kiosk = 'kiosk-A' AND purged_at IS NULL")" "0"
check "B's personal fields kept" "$(pg_sql "SELECT count(*) > 0 FROM fleet.personal p JOIN fleet.sessions s ON s.uuid = p.session WHERE s.kiosk = 'kiosk-B'")" "t"

# ---- a site with no network: bundle imported twice adds nothing -------------
"$SIM" exams D.db kiosk-D 5 >/dev/null
"$Q" export --bundle D.bundle --db D.db
count_all() { pg_sql "SELECT (SELECT count(*) FROM fleet.sessions) || '/' || (SELECT count(*) FROM fleet.answers) || '/' || (SELECT count(*) FROM fleet.events) || '/' || (SELECT count(*) FROM fleet.personal)"; }
before=$(count_all)
"$Q" fleet import D.bundle --pg "$K"
once=$(count_all)
"$Q" fleet import D.bundle --pg "$K"
check "bundle imported twice adds nothing" "$(count_all)" "$once"
"$Q" sync --db D.db --pg "$K" --kiosk-id kiosk-D >/dev/null
check "syncing after the import adds nothing" "$(count_all)" "$once"
check "the import added D's 5 sessions" "$(pg_sql "SELECT count(*) FROM fleet.sessions WHERE kiosk = 'kiosk-D'")" "5"
[ "$before" != "$once" ] || { echo "FAIL: the import added nothing"; fails=$((fails + 1)); }
head -c 300 D.bundle >D.cut
if "$Q" fleet import D.cut --pg "$K" 2>D.cut.err; then echo "FAIL: a cut bundle was imported"; fails=$((fails + 1)); else
  echo "ok: cut bundle refused: $(cat D.cut.err)"; fi

# ---- the kiosk's exports, from the central database ---------------------------------
"$Q" export --pg "$PG_URL" --format csv --out central.csv
check "central CSV: a row per session" "$(($(wc -l <central.csv) - 1))" "$(pg_sql 'SELECT count(*) FROM fleet.sessions')"
check "central CSV: a row per answer" "$(($(wc -l <central_answers.csv) - 1))" "$(pg_sql 'SELECT count(*) FROM fleet.answers')"
check "central CSV: every kiosk" "$(cut -d, -f2 central.csv | sort -u | grep -c '^kiosk-')" "4"
check "central CSV: B's nicknames (read by the admin)" "$(grep -c ',kiosk-B,.*kiosk-B-' central.csv)" "$N"
"$Q" export --pg "postgresql:///postgres?host=$PGDIR&port=$PGPORT&user=bi" --format json --out central.json 2>bi.err
grep -q "without personal fields" bi.err && echo "ok: BI export without personal fields" || { echo "FAIL: BI export: $(cat bi.err)"; fails=$((fails + 1)); }
check "central JSON: every session" "$(python3 -c 'import json,sys; print(len(json.load(open("central.json", encoding="utf-8-sig"))))')" "$(pg_sql 'SELECT count(*) FROM fleet.sessions')"

# ---- fleet status -------------------------------------------------------------------
"$Q" fleet status --pg "$PG_URL" | tee status.txt
check "fleet status lists the kiosks" "$(grep -c '^kiosk-[ABCD] ' status.txt)" "4"

echo "$fails failure(s)"
[ $fails -eq 0 ]
