/*
** moved_test.c — the database file under the kiosk's feet: moved away
** while open (writes fail with QK_STORE_MOVED and a message an operator can
** act on, the moved file holds every committed result, the probe says OK
** again once it is back), deleted while open; the WAL folded into the file
** after each finished session (also at a batch's end); and a -wal or
** -journal without its database refused at open and left byte-identical.
**
** "In the file" is read with SQLite's immutable=1 URI, which reads the
** database file alone and ignores any -wal: exactly what a plain copy of
** results.db would hold.
** Usage: qk_store_moved_test DIR
*/
#include "check.h"

#include <sqlite3.h>
#include <sys/wait.h>

static const qk_store_session_info info = {"kiosk-M", "app", "exam", "Exam", "hash", 3, "en", "exam"};

/* An integer the SQL gives from the database FILE alone (no -wal), or -1
** when it cannot be read (e.g. the table is not in the file yet). */
static int in_file(const char *path, const char *sql) {
  char uri[4400];
  snprintf(uri, sizeof uri, "file:%s?immutable=1", path);
  return test_sql(uri, sql, NULL, 0);
}

static void answer(qk_store *s, int64_t id, const char *q, qk_ms t, int want) {
  qk_store_answer_in a = {q, "\"b\"", 1, 1, 1, 100, 0};
  CHECK_RC(s, qk_store_answer(s, id, &a, t), want);
}

static void test_moved(const char *dir) {
  char path[4200], away[4200];
  test_db(dir, "moved.db", path, sizeof path);
  snprintf(away, sizeof away, "%s/elsewhere.db", dir);
  unlink(away);
  qk_store *s = test_open(path);
  if (!s) return;
  int64_t id = 0;
  CHECK_RC(s, qk_store_session_begin(s, &info, 1000, &id), QK_STORE_OK);
  answer(s, id, "q1", 1100, QK_STORE_OK);
  answer(s, id, "q2", 1200, QK_STORE_OK);
  /* Committed, but still only in the WAL. */
  CHECK(in_file(path, "SELECT count(*) FROM answers") < 2);

  CHECK(rename(path, away) == 0);
  answer(s, id, "q3", 1300, QK_STORE_MOVED);
  const char *msg = qk_store_errmsg(s);
  CHECK(strstr(msg, path) != NULL);
  CHECK(strstr(msg, "moved or deleted while the kiosk was running") != NULL);
  CHECK(strstr(msg, "put it back or restart the kiosk") != NULL);
  /* Nothing committed is lost: the moved file holds both answers. */
  CHECK(in_file(away, "SELECT count(*) FROM answers") == 2);
  CHECK(in_file(away, "SELECT count(*) FROM answers WHERE question = 'q3'") == 0);
  /* In a batch the first write fails the same way; nothing is pending. */
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  answer(s, id, "q3", 1400, QK_STORE_MOVED);
  CHECK_RC(s, qk_store_event(s, id, 1400, "tap", NULL, 0), QK_STORE_MOVED);
  CHECK(qk_store_batch_pending(s) == 0);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  CHECK_RC(s, qk_store_probe(s), QK_STORE_MOVED);
  /* A new file at the path is not the open one either. */
  FILE *f = fopen(path, "wb");
  CHECK(f != NULL);
  if (f) fclose(f);
  CHECK_RC(s, qk_store_probe(s), QK_STORE_MOVED);
  unlink(path);

  /* Put back: the probe says so, and writing goes on in the same file. */
  CHECK(rename(away, path) == 0);
  CHECK_RC(s, qk_store_probe(s), QK_STORE_OK);
  answer(s, id, "q3", 1500, QK_STORE_OK);
  qk_store_close(s);
  s = test_open(path);
  if (!s) return;
  qk_store_resume r;
  CHECK_RC(s, qk_store_find_resumable(s, "kiosk-M", "app", 1600, 60000, &r), QK_STORE_OK);
  CHECK(r.n_answers == 3);
  qk_store_resume_free(&r);

  /* Deleted while open. */
  CHECK(unlink(path) == 0);
  answer(s, id, "q4", 1700, QK_STORE_MOVED);
  CHECK_RC(s, qk_store_probe(s), QK_STORE_MOVED);
  qk_store_close(s);
}

/* After each finished session the WAL goes into the file. */
static void test_checkpoint_after_finish(const char *dir) {
  char path[4200];
  test_db(dir, "finish.db", path, sizeof path);
  qk_store *s = test_open(path);
  if (!s) return;
  int64_t id = 0;
  CHECK_RC(s, qk_store_session_begin(s, &info, 1000, &id), QK_STORE_OK);
  answer(s, id, "q1", 1100, QK_STORE_OK);
  CHECK(in_file(path, "SELECT count(*) FROM sessions WHERE status = 'completed'") < 1);
  CHECK_RC(s, qk_store_session_finish(s, id, QK_SESSION_COMPLETED, 1, 1, 1, 1200), QK_STORE_OK);
  CHECK(in_file(path, "SELECT count(*) FROM sessions WHERE status = 'completed'") == 1);
  CHECK(in_file(path, "SELECT count(*) FROM answers") == 1);

  /* In a batch: not before the batch is committed, then at once. */
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  CHECK_RC(s, qk_store_session_begin(s, &info, 2000, &id), QK_STORE_OK);
  answer(s, id, "q1", 2100, QK_STORE_OK);
  CHECK_RC(s, qk_store_session_finish(s, id, QK_SESSION_COMPLETED, 1, 1, 1, 2200), QK_STORE_OK);
  CHECK(in_file(path, "SELECT count(*) FROM sessions WHERE status = 'completed'") == 1);
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  CHECK(in_file(path, "SELECT count(*) FROM sessions WHERE status = 'completed'") == 2);
  CHECK(in_file(path, "SELECT count(*) FROM answers") == 2);
  qk_store_close(s);
}

static int same_bytes(const char *a, size_t an, const char *b, size_t bn) {
  return a && b && an == bn && memcmp(a, b, an) == 0;
}

static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* A -wal (or -journal) whose database is gone is refused, untouched. */
static void test_orphans(const char *dir) {
  char path[4200], wal[4300], away[4200], err[600];
  test_db(dir, "orphan.db", path, sizeof path);
  snprintf(wal, sizeof wal, "%s-wal", path);
  snprintf(away, sizeof away, "%s/orphan-moved.db", dir);
  unlink(away);
  /* A kiosk killed with results still in its WAL. */
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    qk_store *c = NULL;
    int64_t id;
    qk_store_answer_in a = {"q1", "\"b\"", 1, 1, 1, 100, 0};
    if (qk_store_open(path, &c, err, sizeof err) || qk_store_session_begin(c, &info, 1000, &id) ||
        qk_store_answer(c, id, &a, 1100))
      _exit(3);
    _exit(0); /* no close: the WAL stays */
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  CHECK(rename(path, away) == 0); /* the database alone moved away */
  size_t n0 = 0, n1 = 0;
  char *before = slurp(wal, &n0);
  CHECK(before != NULL && n0 > 0);
  qk_store *s = (qk_store *)1;
  CHECK_RC(NULL, qk_store_open(path, &s, err, sizeof err), QK_STORE_CANTOPEN);
  CHECK(s == NULL);
  CHECK(strstr(err, wal) != NULL);
  CHECK(strstr(err, "does not") != NULL && strstr(err, "Put the database back") != NULL);
  char *after = slurp(wal, &n1);
  CHECK(same_bytes(before, n0, after, n1));
  CHECK(!exists(path)); /* no fresh database started over it */
  free(before);
  free(after);

  /* Put back: it opens, and the WAL's results are there. */
  CHECK(rename(away, path) == 0);
  s = test_open(path);
  if (s) {
    qk_store_resume r;
    CHECK_RC(s, qk_store_find_resumable(s, "kiosk-M", "app", 1200, 60000, &r), QK_STORE_OK);
    CHECK(r.n_answers == 1);
    qk_store_resume_free(&r);
    qk_store_close(s);
  }

  /* A rollback journal without its database: the same. */
  char jpath[4200], journal[4300];
  test_db(dir, "journal.db", jpath, sizeof jpath);
  snprintf(journal, sizeof journal, "%s-journal", jpath);
  const char bytes[] = "\xd9\xd5\x05\xf9\x20\xa1\x63\xd7 pretend journal content";
  FILE *f = fopen(journal, "wb");
  CHECK(f != NULL);
  if (f) {
    fwrite(bytes, 1, sizeof bytes, f);
    fclose(f);
  }
  s = (qk_store *)1;
  CHECK_RC(NULL, qk_store_open(jpath, &s, err, sizeof err), QK_STORE_CANTOPEN);
  CHECK(s == NULL && strstr(err, journal) != NULL);
  after = slurp(journal, &n1);
  CHECK(same_bytes(bytes, sizeof bytes, after, n1));
  CHECK(!exists(jpath));
  free(after);
  unlink(journal);

  /* An empty -wal holds nothing: no reason to stop the kiosk. */
  char epath[4200], ewal[4300];
  test_db(dir, "empty-wal.db", epath, sizeof epath);
  snprintf(ewal, sizeof ewal, "%s-wal", epath);
  f = fopen(ewal, "wb");
  CHECK(f != NULL);
  if (f) fclose(f);
  s = test_open(epath);
  qk_store_close(s);
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "store-moved-test";
  test_moved(dir);
  test_checkpoint_after_finish(dir);
  test_orphans(dir);
  return check_result("store_moved");
}
