/*
** batch_test.c — group commit: what one tap causes (begin session, start
** event, checkpoint, answer) is one commit at batch_end and nothing before
** it; a batch that writes nothing commits nothing; a failing call inside a
** batch leaves nothing of itself and the others stay; SQLite dropping the
** whole transaction (a full disk) fails the rest of the batch and its end;
** a SIGKILL before batch_end leaves none of the batch and an intact
** database; a lock held by another program surfaces as QK_STORE_BUSY.
**
** Commits are counted with sqlite3_commit_hook on the store's connection
** (store_int.h gives the test the handle), so nothing here is timed.
** Usage: qk_store_batch_test DIR
*/
#include "check.h"
#include "store_int.h"

#include <signal.h>
#include <sys/wait.h>

static int commits;

static int count_commit(void *ud) {
  (void)ud;
  commits++;
  return 0; /* let it commit */
}

static const qk_store_session_info info = {"kiosk-B", "app", "exam", "Exam", "hash", 3, "en", "exam"};

/* What the first tap of an exam records. */
static int first_tap(qk_store *s, qk_ms t, int64_t *id) {
  qk_store_answer_in a = {"q1", "\"b\"", 1, 1, 1, 1200, 0};
  int rc;
  if ((rc = qk_store_session_begin(s, &info, t, id)) ||
      (rc = qk_store_event(s, *id, t, "start", "{\"screen\":\"q1\"}", 0)) ||
      (rc = qk_store_checkpoint(s, *id, "{\"at\":\"q1\"}", 60000, t + 1)) ||
      (rc = qk_store_answer(s, *id, &a, t + 2)))
    return rc;
  return QK_STORE_OK;
}

static int count_rows(qk_store *s, const char *sql) {
  sqlite3_stmt *st = NULL;
  int n = -1;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return n;
}

static void test_group_commit(const char *dir) {
  char path[4200];
  test_db(dir, "group.db", path, sizeof path);
  qk_store *s = test_open(path);
  if (!s) return;
  sqlite3_commit_hook(s->db, count_commit, NULL);

  /* Without a batch: every call is its own commit (as before). */
  int64_t id = 0;
  commits = 0;
  CHECK_RC(s, first_tap(s, 1000, &id), QK_STORE_OK);
  CHECK(commits == 4);

  /* In a batch: nothing is committed until batch_end, then exactly once. */
  commits = 0;
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  CHECK(qk_store_batch_pending(s) == 0);
  CHECK_RC(s, first_tap(s, 2000, &id), QK_STORE_OK);
  CHECK(commits == 0);
  CHECK(qk_store_batch_pending(s) == 4);
  /* Reads inside the batch see its writes. */
  qk_store_resume r;
  CHECK_RC(s, qk_store_find_resumable(s, "kiosk-B", "app", 2003, 60000, &r), QK_STORE_OK);
  CHECK(r.session_id == id && r.n_answers == 1);
  qk_store_resume_free(&r);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  CHECK(commits == 1);
  CHECK(qk_store_batch_pending(s) == 0);
  CHECK(count_rows(s, "SELECT count(*) FROM sessions") == 2);
  char q[200];
  snprintf(q, sizeof q, "SELECT count(*) FROM events WHERE session_id = %lld", (long long)id);
  CHECK(count_rows(s, q) == 2); /* start + answer */
  snprintf(q, sizeof q, "SELECT count(*) FROM checkpoints WHERE session_id = %lld", (long long)id);
  CHECK(count_rows(s, q) == 1);
  snprintf(q, sizeof q, "SELECT count(*) FROM answers WHERE session_id = %lld", (long long)id);
  CHECK(count_rows(s, q) == 1);

  /* A batch that writes nothing commits nothing (and reads are fine). */
  commits = 0;
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  char buf[64];
  CHECK_RC(s, qk_store_setting_get(s, "nothing", buf, sizeof buf), QK_STORE_NOTFOUND);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  CHECK(commits == 0);

  /* Nested batches: only the outermost end commits. */
  commits = 0;
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  CHECK_RC(s, qk_store_setting_set(s, "a", "1"), QK_STORE_OK);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  CHECK(commits == 0 && qk_store_batch_pending(s) == 1);
  CHECK_RC(s, qk_store_setting_set(s, "b", "2"), QK_STORE_OK);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  CHECK(commits == 1);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_INVALID); /* no batch open */

  /* Closing with a batch open commits it rather than dropping it. */
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  CHECK_RC(s, qk_store_setting_set(s, "at_close", "kept"), QK_STORE_OK);
  qk_store_close(s);
  s = test_open(path);
  if (!s) return;
  CHECK_RC(s, qk_store_setting_get(s, "at_close", buf, sizeof buf), QK_STORE_OK);
  CHECK_STR(buf, "kept");
  qk_store_close(s);
}

/* A failing call inside a batch leaves nothing of itself; the others stay. */
static void test_failed_call(const char *dir) {
  char path[4200];
  test_db(dir, "failed.db", path, sizeof path);
  qk_store *s = test_open(path);
  if (!s) return;
  int64_t done = 0, id = 0;
  CHECK_RC(s, qk_store_session_begin(s, &info, 1000, &done), QK_STORE_OK);
  CHECK_RC(s, qk_store_session_finish(s, done, QK_SESSION_COMPLETED, 1, 1, 1, 2000), QK_STORE_OK);
  /* The answer's log entry for question "qbad" is refused after its answer
  ** row was written: the call must take the row back with it. */
  CHECK(sqlite3_exec(s->db,
                     "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.events WHEN NEW.kind = 'answer' "
                     "AND json_extract(NEW.data, '$.question') = 'qbad' "
                     "BEGIN SELECT RAISE(ABORT, 'test: refused'); END",
                     NULL, NULL, NULL) == SQLITE_OK);
  commits = 0;
  sqlite3_commit_hook(s->db, count_commit, NULL);
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  CHECK_RC(s, first_tap(s, 3000, &id), QK_STORE_OK);
  qk_store_answer_in a = {"q2", "\"c\"", 0, 1, 0, 900, 0};
  CHECK_RC(s, qk_store_answer(s, done, &a, 3100), QK_STORE_INVALID); /* finished */
  CHECK(strstr(qk_store_errmsg(s), "completed, not in progress") != NULL);
  qk_store_answer_in bad = {"qbad", "\"x\"", 0, 1, 0, 900, 0};
  CHECK_RC(s, qk_store_answer(s, id, &bad, 3200), QK_STORE_INVALID);
  CHECK_RC(s, qk_store_answer(s, id, &a, 3300), QK_STORE_OK);
  CHECK(qk_store_batch_pending(s) == 5);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  CHECK(commits == 1);
  char q[200];
  snprintf(q, sizeof q, "SELECT count(*) FROM answers WHERE session_id = %lld", (long long)id);
  CHECK(count_rows(s, q) == 2); /* q1 and q2, not qbad */
  snprintf(q, sizeof q, "SELECT count(*) FROM answers WHERE question = 'qbad'");
  CHECK(count_rows(s, q) == 0);
  snprintf(q, sizeof q, "SELECT last_activity FROM sessions WHERE id = %lld", (long long)id);
  CHECK(count_rows(s, q) == 3300);
  snprintf(q, sizeof q, "SELECT count(*) FROM answers WHERE session_id = %lld", (long long)done);
  CHECK(count_rows(s, q) == 0);
  qk_store_close(s);
}

/* SQLite rolls the whole transaction back on a full disk (here: the page
** limit): the rest of the batch must fail, not autocommit on its own, and
** batch_end must say nothing was saved. */
static void test_lost_batch(const char *dir) {
  char path[4200];
  test_db(dir, "lost.db", path, sizeof path);
  qk_store *s = test_open(path);
  if (!s) return;
  int64_t id = 0;
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  CHECK_RC(s, qk_store_session_begin(s, &info, 1000, &id), QK_STORE_OK);
  int pages = count_rows(s, "PRAGMA page_count");
  char sql[80];
  snprintf(sql, sizeof sql, "PRAGMA max_page_count = %d", pages);
  CHECK(sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK);
  size_t big = 300000;
  char *data = malloc(big + 16);
  CHECK(data != NULL);
  if (!data) return;
  snprintf(data, 16, "{\"x\":\"");
  memset(data + 6, 'x', big);
  snprintf(data + 6 + big, 10, "\"}");
  /* A setting: a table without triggers, so no statement journal lets
  ** SQLite undo just the statement (the outbox triggers give events one). */
  CHECK_RC(s, qk_store_setting_set(s, "big", data), QK_STORE_FULL);
  free(data);
  CHECK(sqlite3_get_autocommit(s->db)); /* SQLite dropped the transaction */
  snprintf(sql, sizeof sql, "PRAGMA max_page_count = %d", 1 << 30);
  CHECK(sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK);
  /* Now there is room again, but the batch is lost: later calls fail. */
  CHECK_RC(s, qk_store_setting_set(s, "after", "x"), QK_STORE_FULL);
  CHECK(strstr(qk_store_errmsg(s), "earlier write of this batch failed") != NULL);
  CHECK(qk_store_batch_pending(s) == 0);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_FULL);
  CHECK(strstr(qk_store_errmsg(s), "not saved") != NULL);
  CHECK(count_rows(s, "SELECT count(*) FROM sessions") == 0);
  char buf[16];
  CHECK_RC(s, qk_store_setting_get(s, "after", buf, sizeof buf), QK_STORE_NOTFOUND);
  /* The next batch works normally. */
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  CHECK_RC(s, qk_store_session_begin(s, &info, 2000, &id), QK_STORE_OK);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  CHECK(count_rows(s, "SELECT count(*) FROM sessions") == 1);
  qk_store_close(s);
}

/* A power cut (SIGKILL) before batch_end: none of the batch, intact file. */
static void test_kill(const char *dir) {
  char path[4200];
  test_db(dir, "kill.db", path, sizeof path);
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    qk_store *c = NULL;
    char err[300];
    int64_t id;
    if (qk_store_open(path, &c, err, sizeof err)) _exit(3);
    qk_store_answer_in a = {"q0", "\"a\"", 1, 1, 1, 100, 0};
    /* One committed session before the batch: it must survive. */
    if (qk_store_session_begin(c, &info, 500, &id) || qk_store_answer(c, id, &a, 600)) _exit(4);
    if (qk_store_batch_begin(c) || first_tap(c, 1000, &id) || qk_store_batch_pending(c) != 4) _exit(5);
    raise(SIGKILL);
    _exit(6);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  qk_store *s = test_open(path); /* runs quick_check */
  if (!s) return;
  char text[32];
  test_sql(path, "PRAGMA integrity_check", text, sizeof text);
  CHECK_STR(text, "ok");
  CHECK(count_rows(s, "SELECT count(*) FROM sessions") == 1);
  CHECK(count_rows(s, "SELECT count(*) FROM answers WHERE question = 'q0'") == 1);
  CHECK(count_rows(s, "SELECT count(*) FROM answers WHERE question = 'q1'") == 0);
  CHECK(count_rows(s, "SELECT count(*) FROM events WHERE kind = 'start'") == 0);
  CHECK(count_rows(s, "SELECT count(*) FROM checkpoints") == 0);
  qk_store_close(s);
}

/* Another program holding the write lock: QK_STORE_BUSY with a message
** that says so, after the store's short busy timeout (not the lock's 30 s
** or forever); the kiosk then writes again once the lock is gone. */
static void test_busy(const char *dir) {
  char path[4200];
  test_db(dir, "busy.db", path, sizeof path);
  qk_store *s = test_open(path);
  if (!s) return;
  int64_t id = 0;
  CHECK_RC(s, qk_store_session_begin(s, &info, 1000, &id), QK_STORE_OK);
  sqlite3 *other = NULL;
  CHECK(sqlite3_open(path, &other) == SQLITE_OK);
  CHECK(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL) == SQLITE_OK);
  qk_store_answer_in a = {"q1", "\"b\"", 1, 1, 1, 100, 0};
  CHECK_RC(s, qk_store_answer(s, id, &a, 1100), QK_STORE_BUSY);
  CHECK(strstr(qk_store_errmsg(s), "another program holds the database") != NULL);
  CHECK_RC(s, qk_store_probe(s), QK_STORE_BUSY);
  /* In a batch the first write meets the lock; nothing is pending. */
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  CHECK_RC(s, qk_store_answer(s, id, &a, 1200), QK_STORE_BUSY);
  CHECK(qk_store_batch_pending(s) == 0);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  /* Reads go on meanwhile (WAL). */
  CHECK(count_rows(s, "SELECT count(*) FROM sessions") == 1);
  CHECK(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
  sqlite3_close(other);
  CHECK_RC(s, qk_store_probe(s), QK_STORE_OK);
  CHECK_RC(s, qk_store_answer(s, id, &a, 1300), QK_STORE_OK);
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  CHECK_RC(s, qk_store_probe(s), QK_STORE_INVALID); /* not inside a batch */
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  qk_store_close(s);
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "store-batch-test";
  test_group_commit(dir);
  test_failed_call(dir);
  test_lost_batch(dir);
  test_kill(dir);
  test_busy(dir);
  return check_result("store_batch");
}
