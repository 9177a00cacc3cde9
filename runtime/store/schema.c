/*
** schema.c — the database schema and its migrations. The schema version is
** PRAGMA user_version; migrations[i] takes a database from version i to
** i + 1. To change the schema, append one SQL string: never edit a string
** that has shipped, since kiosks in the field have run it already.
**
** Each step runs in its own transaction together with the user_version
** bump, so a power cut mid-migration leaves the previous version intact.
*/
#include "store_int.h"
#include "prize_store.h"

#include <stdio.h>

/* floor(x / 1 h) for any sign of x (SQLite's / truncates toward zero). */
#define HOUR(x) "((" x " - ((" x " % 3600000) + 3600000) % 3600000) / 3600000)"
/* One session row's share of a session_counts row, from the columns of
** row r ("new." or "old." in the triggers, "" in the backfill). */
#define PCT(r) "CASE WHEN " r "status = 'completed' AND " r "max_score > 0 THEN 100.0 * " r "score / " r "max_score END"
#define C_COMPLETED(r) "(" r "status = 'completed')"
#define C_ABANDONED(r) "(" r "status = 'abandoned')"
#define C_TIMED_OUT(r) "(" r "status = 'timed_out')"
#define C_INTERRUPTED(r) "(" r "status = 'interrupted')"
#define C_IN_PROGRESS(r) "(" r "status = 'in_progress')"
/* passed may be NULL (no verdict): "completed AND NULL = 1" is NULL, not 0. */
#define C_PASSED(r) "coalesce(" r "status = 'completed' AND " r "passed = 1, 0)"
#define C_JUDGED(r) "(" r "status = 'completed' AND " r "passed IS NOT NULL)"
#define C_PCT_SUM(r) "coalesce(" PCT(r) ", 0)"
#define C_PCT_N(r) "((" PCT(r) ") IS NOT NULL)"
/* The backfill: the same shares summed over a group of rows. */
#define SUMS                                                                                    \
  "sum(" C_COMPLETED("") "), sum(" C_ABANDONED("") "), sum(" C_TIMED_OUT("") "), sum("             \
  C_INTERRUPTED("") "), sum(" C_IN_PROGRESS("") "), sum(" C_PASSED("") "), sum(" C_JUDGED("") "), " \
  "sum(" C_PCT_SUM("") "), sum(" C_PCT_N("") ")"
/* Adds (sign "+") or takes away ("-") row r's share of its hour. */
#define APPLY(sign, r)                                                                              \
  "UPDATE session_counts SET started = started " sign " 1, completed = completed " sign " "         \
  C_COMPLETED(r) ", abandoned = abandoned " sign " " C_ABANDONED(r) ", timed_out = timed_out " sign \
  " " C_TIMED_OUT(r) ", interrupted = interrupted " sign " " C_INTERRUPTED(r) ", in_progress = "    \
  "in_progress " sign " " C_IN_PROGRESS(r) ", passed = passed " sign " " C_PASSED(r) ", judged = "  \
  "judged " sign " " C_JUDGED(r) ", pct_sum = pct_sum " sign " " C_PCT_SUM(r) ", pct_n = pct_n "   \
  sign " " C_PCT_N(r) " WHERE exam_ref = " r "exam_ref AND hour = " HOUR(r "started_at") ";\n"
#define ENSURE(r)                                                                           \
  "INSERT INTO session_counts(exam_ref, hour) VALUES(" r "exam_ref, " HOUR(r "started_at") ") " \
  "ON CONFLICT DO NOTHING;\n"
/* floor(score) as an integer (CAST truncates toward zero). */
#define BUCKET(x) "(CAST(" x " AS INTEGER) - (" x " < CAST(" x " AS INTEGER)))"
#define ON_BOARD(r) r "status = 'completed' AND " r "score IS NOT NULL"
#define BOARD_ADD(r)                                                                                  \
  "INSERT INTO board_counts(exam_ref, bucket) SELECT " r "exam_ref, " BUCKET(r "score") " WHERE "       \
  ON_BOARD(r) " ON CONFLICT DO NOTHING;\n"                                                           \
  "UPDATE board_counts SET n = n + 1 WHERE " ON_BOARD(r) " AND exam_ref = " r "exam_ref AND bucket = " \
  BUCKET(r "score") ";\n"
#define BOARD_TAKE(r)                                                                                 \
  "UPDATE board_counts SET n = n - 1 WHERE " ON_BOARD(r) " AND exam_ref = " r "exam_ref AND bucket = " \
  BUCKET(r "score") ";\n"
/* Only the columns the counts read fire the update trigger: the touch of
** last_activity on every answer costs nothing extra. */
#define COUNTS_TRIGGERS                                                                          \
  "CREATE TRIGGER session_counts_insert AFTER INSERT ON sessions BEGIN\n" ENSURE("new.")         \
  APPLY("+", "new.") BOARD_ADD("new.") "END;\n"                                                 \
  "CREATE TRIGGER session_counts_update AFTER UPDATE OF exam_ref, status, started_at, score, "   \
  "max_score, passed ON sessions BEGIN\n" APPLY("-", "old.") ENSURE("new.") APPLY("+", "new.")   \
  BOARD_TAKE("old.") BOARD_ADD("new.") "END;\n"                                                 \
  "CREATE TRIGGER session_counts_delete AFTER DELETE ON sessions BEGIN\n" APPLY("-", "old.")    \
  BOARD_TAKE("old.") "END;\n"

static const char *const migrations[] = {
    /* 0 -> 1: the first schema. */
    "CREATE TABLE settings(\n"
    "  key TEXT PRIMARY KEY,\n"
    "  value TEXT NOT NULL);\n"
    /* One row per version of an exam's question set: results point at the
    ** version they were taken on, so editing questions later cannot change
    ** what an old score means. */
    "CREATE TABLE exams(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  app TEXT NOT NULL,\n"
    "  exam TEXT NOT NULL,\n"
    "  title TEXT,\n"
    "  content_hash TEXT NOT NULL,\n"
    "  created_at INTEGER NOT NULL,\n"
    "  UNIQUE(app, exam, content_hash));\n"
    "CREATE TABLE sessions(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  kiosk TEXT NOT NULL,\n"
    "  exam_ref INTEGER NOT NULL REFERENCES exams(id),\n"
    "  status TEXT NOT NULL CHECK(status IN\n"
    "    ('in_progress','completed','abandoned','timed_out','interrupted')),\n"
    "  started_at INTEGER NOT NULL,\n"
    "  finished_at INTEGER,\n"
    "  last_activity INTEGER NOT NULL,\n"
    "  score REAL,\n"
    "  max_score REAL,\n"
    "  passed INTEGER,\n"
    "  shuffle_seed INTEGER,\n"
    "  language TEXT,\n"
    "  mode TEXT);\n"
    "CREATE INDEX sessions_by_kiosk ON sessions(kiosk, status, last_activity);\n"
    "CREATE INDEX sessions_by_start ON sessions(started_at);\n"
    "CREATE INDEX sessions_by_exam ON sessions(exam_ref, status);\n"
    /* The latest answer per question; the history is in events. */
    "CREATE TABLE answers(\n"
    "  session_id INTEGER NOT NULL REFERENCES sessions(id),\n"
    "  question TEXT NOT NULL,\n"
    "  response TEXT NOT NULL,\n"
    "  points REAL,\n"
    "  max_points REAL,\n"
    "  correct INTEGER,\n"
    "  time_ms INTEGER,\n"
    "  answered_at INTEGER NOT NULL,\n"
    "  free_text INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY(session_id, question)) WITHOUT ROWID;\n"
    "CREATE TABLE events(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  session_id INTEGER NOT NULL REFERENCES sessions(id),\n"
    "  t_ms INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL,\n"
    "  data TEXT);\n"
    "CREATE INDEX events_by_session ON events(session_id, id);\n"
    "CREATE TABLE checkpoints(\n"
    "  session_id INTEGER PRIMARY KEY REFERENCES sessions(id),\n"
    "  state TEXT NOT NULL,\n"
    "  remaining_ms INTEGER,\n"
    "  updated_at INTEGER NOT NULL);\n"
    /* Personal data lives here only, apart from the results, so purging it
    ** is deleting rows rather than editing results. */
    "CREATE TABLE candidates(\n"
    "  session_id INTEGER NOT NULL REFERENCES sessions(id),\n"
    "  field TEXT NOT NULL,\n"
    "  value TEXT NOT NULL,\n"
    "  PRIMARY KEY(session_id, field)) WITHOUT ROWID;\n"
    "CREATE TABLE consents(\n"
    "  session_id INTEGER PRIMARY KEY REFERENCES sessions(id),\n"
    "  text TEXT NOT NULL,\n"
    "  version TEXT NOT NULL,\n"
    "  given_at INTEGER NOT NULL);\n",

    /* 1 -> 2: interviewer rubrics, re-scoring records, purge bookkeeping,
    ** and how often a candidate changed an answer. */
    "CREATE TABLE rubric_scores(\n"
    "  session_id INTEGER NOT NULL REFERENCES sessions(id),\n"
    "  question TEXT NOT NULL,\n"
    "  scores TEXT NOT NULL,\n"
    "  points REAL,\n"
    "  reviewer TEXT,\n"
    "  scored_at INTEGER NOT NULL,\n"
    "  PRIMARY KEY(session_id, question)) WITHOUT ROWID;\n"
    "CREATE TABLE score_changes(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  session_id INTEGER NOT NULL REFERENCES sessions(id),\n"
    "  question TEXT,\n"
    "  old TEXT NOT NULL,\n"
    "  new TEXT NOT NULL,\n"
    "  reason TEXT,\n"
    "  changed_at INTEGER NOT NULL);\n"
    "CREATE INDEX score_changes_by_session ON score_changes(session_id);\n"
    "ALTER TABLE sessions ADD COLUMN purged_at INTEGER;\n"
    "ALTER TABLE events ADD COLUMN personal INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE answers ADD COLUMN revisions INTEGER NOT NULL DEFAULT 1;\n",

    /* 2 -> 3: a candidate's rank among the completed sessions of an exam
    ** (qk_store_leader_rank) is counted over this index, in leaderboard
    ** order, without reading session rows (it covers every column the
    ** counts look at; the rowid, the last tie-break, is in every index). */
    "CREATE INDEX sessions_ranked ON sessions(exam_ref, status, score, finished_at);\n",

    /* 3 -> 4: big databases (a million sessions) and what exports show.
    ** - sessions_board replaces sessions_ranked: the same columns with the
    **   score descending, so one forward range of it per exam version IS
    **   the leaderboard order (score high to low, earlier finish, lower
    **   id: the rowid ends every index) and the top 10 are its first 10
    **   entries; the rank counts run over it as before.
    ** - board_counts: per exam version, how many completed, scored
    **   sessions have a score in [b, b + 1), kept by triggers: a rank far
    **   down a board of a million adds up these few hundred counts and
    **   counts over sessions_board only the sessions in its own bucket,
    **   where counting the whole range above it read ~10^5 entries.
    ** - session_counts: what `stats` shows, summed per exam version and
    **   UTC hour of the start and kept by triggers, so the numbers for a
    **   year of sessions add up a few thousand rows instead of reading a
    **   million (see ST_STATS). The hour is floor(started_at / 1 h).
    ** - session_scores: the section and competency scores a session
    **   ended with, as the candidate saw them, for the exports (ord: the
    **   order they were given in, the exam's order of sections).
    ** - exam_questions: per exam version, a question's section and its
    **   options' text (JSON object letter -> text or {lang: text}), so an
    **   export can show the option a candidate chose, not only its letter,
    **   as worded in the version they took. */
    "DROP INDEX sessions_ranked;\n"
    "CREATE INDEX sessions_board ON sessions(exam_ref, status, score DESC, finished_at);\n"
    "CREATE TABLE board_counts(\n"
    "  exam_ref INTEGER NOT NULL,\n"
    "  bucket INTEGER NOT NULL,\n"
    "  n INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY(exam_ref, bucket)) WITHOUT ROWID;\n"
    "CREATE TABLE session_counts(\n"
    "  exam_ref INTEGER NOT NULL,\n"
    "  hour INTEGER NOT NULL,\n"
    "  started INTEGER NOT NULL DEFAULT 0,\n"
    "  completed INTEGER NOT NULL DEFAULT 0,\n"
    "  abandoned INTEGER NOT NULL DEFAULT 0,\n"
    "  timed_out INTEGER NOT NULL DEFAULT 0,\n"
    "  interrupted INTEGER NOT NULL DEFAULT 0,\n"
    "  in_progress INTEGER NOT NULL DEFAULT 0,\n"
    "  passed INTEGER NOT NULL DEFAULT 0,\n"
    "  judged INTEGER NOT NULL DEFAULT 0,\n"
    "  pct_sum REAL NOT NULL DEFAULT 0,\n"
    "  pct_n INTEGER NOT NULL DEFAULT 0,\n"
    "  PRIMARY KEY(exam_ref, hour)) WITHOUT ROWID;\n"
    COUNTS_TRIGGERS
    "INSERT INTO session_counts SELECT exam_ref, " HOUR("started_at") ", count(*), " SUMS
    " FROM sessions GROUP BY 1, 2;\n"
    "INSERT INTO board_counts SELECT exam_ref, " BUCKET("score") ", count(*) FROM sessions WHERE "
    ON_BOARD("") " GROUP BY 1, 2;\n"
    "CREATE TABLE session_scores(\n"
    "  session_id INTEGER NOT NULL REFERENCES sessions(id),\n"
    "  kind TEXT NOT NULL CHECK(kind IN ('section','competency')),\n"
    "  key TEXT NOT NULL,\n"
    "  ord INTEGER NOT NULL,\n"
    "  title TEXT,\n"
    "  score REAL,\n"
    "  max_score REAL,\n"
    "  PRIMARY KEY(session_id, kind, key)) WITHOUT ROWID;\n"
    "CREATE TABLE exam_questions(\n"
    "  exam_ref INTEGER NOT NULL REFERENCES exams(id),\n"
    "  question TEXT NOT NULL,\n"
    "  section TEXT,\n"
    "  options TEXT,\n"
    "  PRIMARY KEY(exam_ref, question)) WITHOUT ROWID;\n",

    /* 4 -> 5: session UUIDs, sequence numbers, the fleet outbox (migrate_fleet.c). */
    qk_store_migration_fleet,

    /* 5 -> 6: the prize codes issued and redeemed (prize.c). */
    qk_store_migration_prize,

    /* 6 -> 7: outbox records the fleet's server refused for their content
    ** (a data exception, a constraint, a server-side check or trigger):
    ** set aside with the server's SQLSTATE, message and the time, kept
    ** until `quizkiosk fleet resend` queues them again (outbox.h). The
    ** index holds only those, so "is anything of this session refused?"
    ** costs nothing while nothing is. */
    "ALTER TABLE outbox ADD COLUMN refused_at INTEGER;\n"
    "ALTER TABLE outbox ADD COLUMN refused_code TEXT;\n"
    "ALTER TABLE outbox ADD COLUMN refused_reason TEXT;\n"
    "CREATE INDEX outbox_refused ON outbox(session_id, id) WHERE refused_at IS NOT NULL;\n",
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int qk_store_latest_schema_version(void) { return N_MIGRATIONS; }

int qk_store_schema_version(qk_store *s) {
  sqlite3_stmt *st = NULL;
  int v = -1;
  if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return v;
}

int qk_store_schema_check(qk_store *s) {
  int v = qk_store_schema_version(s);
  if (v < 0) return qk_store_sqlfail(s, sqlite3_errcode(s->db), "reading the schema version");
  if (v > N_MIGRATIONS)
    return qk_store_fail(s, QK_STORE_TOO_NEW,
                         "the database has schema version %d but this quizkiosk knows up to %d: "
                         "it was written by a newer quizkiosk; update this kiosk",
                         v, N_MIGRATIONS);
  return QK_STORE_OK;
}

int qk_store_migrate(qk_store *s) {
  int rc = qk_store_schema_check(s);
  if (rc) return rc;
  int v = qk_store_schema_version(s);
  for (; v < N_MIGRATIONS; v++) {
    char what[64], bump[48];
    rc = qk_store_begin(s);
    if (rc) return rc;
    snprintf(what, sizeof what, "migrating the schema to version %d", v + 1);
    rc = qk_store_exec(s, migrations[v], what);
    if (!rc) {
      snprintf(bump, sizeof bump, "PRAGMA user_version=%d", v + 1);
      rc = qk_store_exec(s, bump, what);
    }
    rc = qk_store_end(s, rc);
    if (rc) return rc;
  }
  return QK_STORE_OK;
}
