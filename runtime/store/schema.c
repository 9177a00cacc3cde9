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

#include <stdio.h>

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

    /* 3 -> 4: session UUIDs, sequence numbers, the fleet outbox (migrate_fleet.c). */
    qk_store_migration_fleet,
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
