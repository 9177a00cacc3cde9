/*
** migrate_test.c — schema migrations at open: a version-1 database built by
** hand (the schema the first kiosks shipped with, copied here on purpose:
** it must not change when schema.c grows) opens, is upgraded to the latest
** version with its data intact and usable by the new features; a database
** from a newer quizkiosk is refused untouched.
** Usage: qk_store_migrate_test DIR
*/
#include "check.h"

#include <math.h>
#include <sqlite3.h>

static const char *const v1_schema =
    "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE exams(id INTEGER PRIMARY KEY, app TEXT NOT NULL, exam TEXT NOT NULL, title TEXT,"
    "  content_hash TEXT NOT NULL, created_at INTEGER NOT NULL, UNIQUE(app, exam, content_hash));"
    "CREATE TABLE sessions(id INTEGER PRIMARY KEY, kiosk TEXT NOT NULL,"
    "  exam_ref INTEGER NOT NULL REFERENCES exams(id), status TEXT NOT NULL CHECK(status IN"
    "  ('in_progress','completed','abandoned','timed_out','interrupted')),"
    "  started_at INTEGER NOT NULL, finished_at INTEGER, last_activity INTEGER NOT NULL,"
    "  score REAL, max_score REAL, passed INTEGER, shuffle_seed INTEGER, language TEXT, mode TEXT);"
    "CREATE INDEX sessions_by_kiosk ON sessions(kiosk, status, last_activity);"
    "CREATE INDEX sessions_by_start ON sessions(started_at);"
    "CREATE INDEX sessions_by_exam ON sessions(exam_ref, status);"
    "CREATE TABLE answers(session_id INTEGER NOT NULL REFERENCES sessions(id), question TEXT NOT NULL,"
    "  response TEXT NOT NULL, points REAL, max_points REAL, correct INTEGER, time_ms INTEGER,"
    "  answered_at INTEGER NOT NULL, free_text INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY(session_id, question)) WITHOUT ROWID;"
    "CREATE TABLE events(id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id),"
    "  t_ms INTEGER NOT NULL, kind TEXT NOT NULL, data TEXT);"
    "CREATE INDEX events_by_session ON events(session_id, id);"
    "CREATE TABLE checkpoints(session_id INTEGER PRIMARY KEY REFERENCES sessions(id),"
    "  state TEXT NOT NULL, remaining_ms INTEGER, updated_at INTEGER NOT NULL);"
    "CREATE TABLE candidates(session_id INTEGER NOT NULL REFERENCES sessions(id), field TEXT NOT NULL,"
    "  value TEXT NOT NULL, PRIMARY KEY(session_id, field)) WITHOUT ROWID;"
    "CREATE TABLE consents(session_id INTEGER PRIMARY KEY REFERENCES sessions(id), text TEXT NOT NULL,"
    "  version TEXT NOT NULL, given_at INTEGER NOT NULL);";

static const char *const v1_data =
    "INSERT INTO settings VALUES('kiosk_id', 'old-kiosk');"
    "INSERT INTO exams VALUES(1, 'recruit', 'gk', 'Old title', 'h1', 100);"
    "INSERT INTO sessions VALUES(1, 'old-kiosk', 1, 'completed', 1000, 9000, 9000, 7, 10, 1, 5, 'en', 'exam');"
    "INSERT INTO sessions VALUES(2, 'old-kiosk', 1, 'in_progress', 50000, NULL, 60000, NULL, NULL, NULL, 6,"
    "  'zh', 'exam');"
    "INSERT INTO answers VALUES(1, 'q1', '\"b\"', 1, 1, 1, 1200, 2000, 0);"
    "INSERT INTO answers VALUES(2, 'q1', '\"c\"', 0, 1, 0, 1300, 55000, 0);"
    "INSERT INTO events VALUES(1, 1, 2000, 'answer', '{\"question\":\"q1\",\"response\":\"b\"}');"
    "INSERT INTO events VALUES(2, 1, 2500, 'typed', '{\"text\":\"Old Name\"}');"
    "INSERT INTO checkpoints VALUES(2, '{\"i\":1}', 20000, 60000);"
    "INSERT INTO candidates VALUES(1, 'name', 'Old Name');"
    "PRAGMA user_version = 1;";

static int make_db(const char *path, const char *sql) {
  sqlite3 *db = NULL;
  char *msg = NULL;
  int rc = sqlite3_open(path, &db);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK) fprintf(stderr, "making %s: %s\n", path, msg ? msg : sqlite3_errmsg(db));
  sqlite3_free(msg);
  sqlite3_close(db);
  return rc;
}

static int user_version(const char *path) {
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int v = -1;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

typedef struct {
  int n;
  double score;
  char status[16];
} seen;

static int on_session(void *ud, const qk_store_session_row *r) {
  seen *v = ud;
  v->n++;
  v->score = r->score;
  snprintf(v->status, sizeof v->status, "%s", r->status);
  return 0;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "store-migrate-test";
  char path[4200], err[400];
  qk_store *s = NULL;
  const int latest = qk_store_latest_schema_version();

  test_db(dir, "v1.db", path, sizeof path);
  CHECK(make_db(path, v1_schema) == SQLITE_OK);
  CHECK(make_db(path, v1_data) == SQLITE_OK);
  CHECK(user_version(path) == 1);

  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) {
    fprintf(stderr, "open: %s\n", err);
    return 1;
  }
  CHECK(qk_store_schema_version(s) == latest && latest >= 3);
  /* Old data reads back through the new code. */
  char buf[64];
  CHECK_RC(s, qk_store_kiosk_id(s, buf, sizeof buf), QK_STORE_OK);
  CHECK_STR(buf, "old-kiosk");
  seen v = {0};
  CHECK_RC(s, qk_store_session_get(s, 1, on_session, &v), QK_STORE_OK);
  CHECK(v.n == 1 && v.score == 7 && !strcmp(v.status, "completed"));
  qk_store_leader top[3];
  int n = 0;
  CHECK_RC(s, qk_store_leaderboard(s, "recruit", "gk", NULL, 3, top, &n), QK_STORE_OK);
  CHECK(n == 1 && !strcmp(top[0].name, "Old Name"));
  /* The v1 in-progress session resumes, with its checkpoint. */
  qk_store_resume r;
  CHECK_RC(s, qk_store_find_resumable(s, "old-kiosk", "recruit", 61000, 60000, &r), QK_STORE_OK);
  CHECK(r.session_id == 2 && r.checkpoint && !strcmp(r.checkpoint, "{\"i\":1}") && r.n_answers == 1);
  qk_store_resume_free(&r);
  /* What version 2 added works on the old rows. */
  qk_store_answer_in a = {"q1", "\"d\"", 1, 1, 1, 900, 0};
  CHECK_RC(s, qk_store_answer(s, 2, &a, 62000), QK_STORE_OK); /* revisions: default 1, now 2 */
  CHECK_RC(s, qk_store_rubric(s, 1, "q1", "{\"k1\":1}", 1, "HR", 70000), QK_STORE_OK);
  CHECK_RC(s, qk_store_rescore_session(s, 1, 8, 10, 1, "appeal", 70000), QK_STORE_OK);
  int changes = 0;
  CHECK_RC(s, qk_store_score_changes(s, 1, &changes), QK_STORE_OK);
  CHECK(changes == 1);
  /* Purge (needs purged_at and events.personal) finds the old typed name. */
  qk_store_purge_report pr;
  CHECK_RC(s, qk_store_purge(s, 20000, 80000, &pr), QK_STORE_OK);
  CHECK(pr.sessions == 1 && pr.candidate_fields == 1 && pr.events_scrubbed == 1);
  qk_store_close(s);
  s = NULL;
  CHECK(user_version(path) == latest);

  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
  CHECK(sqlite3_prepare_v2(db, "SELECT revisions FROM answers WHERE session_id = 2", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 2);
  sqlite3_finalize(st);
  sqlite3_close(db);

  /* Opening again is a no-op. */
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (s) CHECK(qk_store_schema_version(s) == latest);
  qk_store_close(s);
  s = NULL;

  /* A database from a newer quizkiosk is refused and left as it is. */
  test_db(dir, "future.db", path, sizeof path);
  char future[200];
  snprintf(future, sizeof future, "CREATE TABLE t(x); PRAGMA user_version = %d;", latest + 1);
  CHECK(make_db(path, future) == SQLITE_OK);
  size_t n_before = 0, n_after = 0;
  char *before = slurp(path, &n_before);
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_TOO_NEW);
  CHECK(s == NULL);
  CHECK(strstr(err, "newer quizkiosk") != NULL);
  /* Byte-identical (not even switched to WAL), and no -wal or -shm made. */
  char *after = slurp(path, &n_after);
  CHECK(before && after && n_before == n_after && !memcmp(before, after, n_before));
  free(before);
  free(after);
  char side[4300];
  struct stat sst;
  snprintf(side, sizeof side, "%s-wal", path);
  CHECK(stat(side, &sst) != 0);
  snprintf(side, sizeof side, "%s-shm", path);
  CHECK(stat(side, &sst) != 0);
  CHECK(user_version(path) == latest + 1);

  /* A fresh file goes straight to the latest version. */
  test_db(dir, "fresh.db", path, sizeof path);
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  qk_store_close(s);
  CHECK(user_version(path) == latest);
  return check_result("store_migrate");
}
