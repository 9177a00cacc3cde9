/*
** backup_test.c — qk_store_backup while another process has the database
** open and keeps writing: a plain byte copy of results.db (what `cp` does)
** misses the results still in the WAL, the backup holds them all, passes
** integrity_check and is a self-contained rollback-journal file; the
** ".part" file never stays behind; bad targets are refused.
** Usage: qk_store_backup_test DIR
*/
#include "check.h"

#include <signal.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/wait.h>

#define N_ANSWERS 40

static const qk_store_session_info info = {"kiosk-K", "app", "exam", "Exam", "hash", 3, "en", "exam"};

/* An integer from sql on the file at path (uri: as SQLite URI), -1 if the
** query fails (e.g. no such table in the file). */
static int copy_file(const char *from, const char *to) {
  size_t n = 0;
  char *data = slurp(from, &n);
  if (!data) return -1;
  FILE *f = fopen(to, "wb");
  int ok = f && fwrite(data, 1, n, f) == n;
  if (f && fclose(f) != 0) ok = 0;
  free(data);
  return ok ? 0 : -1;
}

static int exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* The writer: N_ANSWERS answers to one session (never finished, so they
** stay in the WAL), a byte on the pipe, then more writes until killed. */
static void writer(const char *path, int ready_fd) {
  qk_store *c = NULL;
  char err[300];
  int64_t id, other;
  if (qk_store_open(path, &c, err, sizeof err) || qk_store_session_begin(c, &info, 1000, &id)) _exit(3);
  for (int i = 0; i < N_ANSWERS; i++) {
    char q[16];
    snprintf(q, sizeof q, "q%d", i);
    qk_store_answer_in a = {q, "\"b\"", 1, 1, 1, 100, 0};
    if (qk_store_answer(c, id, &a, 2000 + i)) _exit(4);
  }
  if (write(ready_fd, "x", 1) != 1) _exit(5);
  if (qk_store_session_begin(c, &info, 5000, &other)) _exit(6);
  for (int i = 0; i < 1000000; i++) /* bounded; killed long before */
    if (qk_store_event(c, other, 6000 + i, "tick", NULL, 0) && i > 100) _exit(7);
  _exit(0);
}

static void test_live_backup(const char *dir) {
  char path[4200], copy[4200], out[4200], part[4300], uri[4400], walside[4300];
  test_db(dir, "live.db", path, sizeof path);
  snprintf(copy, sizeof copy, "%s/cp-copy.db", dir);
  snprintf(out, sizeof out, "%s/backup.db", dir);
  snprintf(part, sizeof part, "%s.part", out);
  unlink(copy);
  unlink(out);
  int fds[2];
  CHECK(pipe(fds) == 0);
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    writer(path, fds[1]);
  }
  close(fds[1]);
  char c;
  CHECK(read(fds[0], &c, 1) == 1);
  close(fds[0]);

  /* What cp would copy: the database file alone, while the writer runs. */
  CHECK(copy_file(path, copy) == 0);
  snprintf(uri, sizeof uri, "file:%s?immutable=1", copy);
  int in_cp = test_sql(uri, "SELECT count(*) FROM answers WHERE session_id = 1", NULL, 0);
  CHECK(in_cp < N_ANSWERS); /* -1 (no table yet) or some: the WAL's rows are missing */
  printf("a plain copy of the file held %d of the %d answers (-1: not even the table)\n", in_cp,
         N_ANSWERS);

  /* The backup, as an operator runs it, while the writer goes on (twice:
  ** over an old backup too). */
  char *argv[] = {"backup", "--db", path, "--out", out, NULL};
  CHECK(qk_store_cli(5, argv) == 0);
  CHECK(qk_store_cli(5, argv) == 0);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status)); /* still writing when stopped */

  /* Refused: the database itself, a folder, an empty name, inside a batch
  ** with unsaved writes; a folder that does not exist is a clear error. */
  qk_store *s = NULL;
  char err[400], other[4200];
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (s) {
    CHECK_RC(s, qk_store_backup(s, path), QK_STORE_INVALID);
    CHECK(strstr(qk_store_errmsg(s), "the database itself") != NULL);
    CHECK_RC(s, qk_store_backup(s, dir), QK_STORE_INVALID);
    CHECK_RC(s, qk_store_backup(s, ""), QK_STORE_INVALID);
    CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
    CHECK_RC(s, qk_store_setting_set(s, "x", "1"), QK_STORE_OK);
    snprintf(other, sizeof other, "%s/in-batch.db", dir);
    unlink(other);
    CHECK_RC(s, qk_store_backup(s, other), QK_STORE_INVALID);
    CHECK(!exists(other));
    CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
    snprintf(other, sizeof other, "%s/no/such/folder/b.db", dir);
    CHECK(qk_store_backup(s, other) < 0);
    CHECK(strstr(qk_store_errmsg(s), "backup") != NULL);
    snprintf(other, sizeof other, "%s/lib.db", dir);
    unlink(other);
    CHECK_RC(s, qk_store_backup(s, other), QK_STORE_OK);
    CHECK(test_sql(other, "SELECT count(*) FROM answers WHERE session_id = 1", NULL, 0) == N_ANSWERS);
    qk_store_close(s);
  }

  CHECK(exists(out) && !exists(part));
  snprintf(walside, sizeof walside, "%s-wal", out);
  CHECK(!exists(walside));
  /* The backup holds every answer, WAL or not, and is sound. */
  CHECK(test_sql(out, "SELECT count(*) FROM answers WHERE session_id = 1", NULL, 0) == N_ANSWERS);
  char text[32];
  test_sql(out, "PRAGMA integrity_check", text, sizeof text);
  CHECK_STR(text, "ok");
  test_sql(out, "PRAGMA journal_mode", text, sizeof text);
  CHECK_STR(text, "delete"); /* needs no -wal beside it */
  /* And it opens as a kiosk database. */
  s = NULL;
  CHECK_RC(s, qk_store_open(out, &s, err, sizeof err), QK_STORE_OK);
  qk_store_close(s);
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "store-backup-test";
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
  if (system(cmd) != 0) return 1;
  test_live_backup(dir);
  return check_result("store_backup");
}
