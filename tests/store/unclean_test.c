/*
** unclean_test.c — when the full integrity check runs at open. It reads
** every page (seconds at a million sessions), so it runs only after an
** unclean shutdown: a -wal left behind that no live program holds. A
** leaf page of the answers table is damaged in a database that was closed
** cleanly, then:
**   1. a clean open does not read that page and succeeds (the design: no
**      quick_check on every open; every b-tree's root is still read);
**   2. while another process has the database open (its -wal is there
**      and live) an open skips the check too;
**   3. once that process is killed (SIGKILL: its -wal stays, nobody holds
**      it) the next open runs quick_check and refuses the damaged file;
**   4. a damaged root page is refused on a clean open as well;
**   5. a second connection opened in the same process (the sync thread's
**      beside the kiosk's) leaves the first one's locks alone: a probe that
**      opened and closed the -shm dropped every POSIX lock the process held
**      on it, and another process then saw the database as abandoned
**      (and rebuilt the -shm under the live mapping: SIGBUS).
** Usage: qk_store_unclean_test DIR
*/
#include "check.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void fill(const char *path) {
  qk_store *s = test_open(path);
  if (!s) return;
  char hash[65];
  qk_store_content_hash("x", 1, hash);
  qk_store_session_info in = {"kiosk-u", "app", "exam", NULL, hash, 1, "zh", NULL};
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  for (int i = 0; i < 300; i++) {
    int64_t id = 0;
    CHECK_RC(s, qk_store_session_begin(s, &in, 1000 + i, &id), QK_STORE_OK);
    for (int q = 0; q < 10; q++) {
      char qid[16];
      snprintf(qid, sizeof qid, "question-%02d", q);
      qk_store_answer_in a = {qid, "\"a fairly long answer so the answers table spans many pages\"", 1, 1, 1, 10, 0};
      CHECK_RC(s, qk_store_answer(s, id, &a, 2000 + i), QK_STORE_OK);
    }
  }
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
  qk_store_close(s);
}

/* Overwrites page pageno (1-based, 4096 bytes) with garbage. */
static void damage(const char *path, int pageno) {
  char junk[4096];
  memset(junk, 0x5A, sizeof junk);
  FILE *f = fopen(path, "r+b");
  CHECK(f != NULL);
  if (!f) return;
  CHECK(fseek(f, (long)(pageno - 1) * 4096, SEEK_SET) == 0);
  CHECK(fwrite(junk, 1, sizeof junk, f) == sizeof junk);
  CHECK(fclose(f) == 0);
}

static int exists(const char *path, const char *suffix) {
  char p[4300];
  snprintf(p, sizeof p, "%s%s", path, suffix);
  return access(p, F_OK) == 0;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "store-unclean-test";
  char path[4200], err[600], text[64];
  test_db(dir, "unclean.db", path, sizeof path);
  fill(path);
  CHECK(!exists(path, "-wal")); /* closed cleanly: SQLite removed it */
  /* The last leaf of answers: not a root, not the first leaf. */
  int leaf = test_sql(path,
                      "SELECT pageno FROM dbstat WHERE name = 'answers' AND pagetype = 'leaf' "
                      "ORDER BY path DESC LIMIT 1",
                      text, sizeof text);
  int root = test_sql(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'answers'", text, sizeof text);
  CHECK(leaf > 0 && root > 0 && leaf != root);
  damage(path, leaf);

  /* 1. Clean: opens without reading the damaged page. */
  qk_store *s = test_open(path);
  if (s) qk_store_close(s);

  /* 2. Another process has it open (and wrote: its -wal is not empty). */
  int ready[2], stop[2];
  CHECK(pipe(ready) == 0 && pipe(stop) == 0);
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    qk_store *c = NULL;
    if (qk_store_open(path, &c, err, sizeof err) || qk_store_setting_set(c, "t.live", "1")) _exit(3);
    char one = 1;
    if (write(ready[1], &one, 1) != 1) _exit(4);
    if (read(stop[0], &one, 1) < 0) _exit(5); /* killed while waiting here */
    _exit(6);
  }
  char byte = 0;
  CHECK(read(ready[0], &byte, 1) == 1);
  CHECK(exists(path, "-wal"));
  s = NULL;
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK); /* live: no full check */
  if (s) qk_store_close(s);

  /* 3. Killed: the -wal stays and nobody holds it. */
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  CHECK(exists(path, "-wal"));
  s = NULL;
  int rc = qk_store_open(path, &s, err, sizeof err);
  CHECK(rc == QK_STORE_CORRUPT && s == NULL);
  CHECK(strstr(err, "damaged") != NULL);
  if (rc != QK_STORE_CORRUPT) fprintf(stderr, "open after the kill: %d %s\n", rc, err);
  /* What the killed process committed is still there, for recovery. */
  test_sql(path, "SELECT value FROM settings WHERE key = 't.live'", text, sizeof text);
  CHECK_STR(text, "1");

  /* 4. A damaged root page: refused on a clean open. */
  test_db(dir, "root.db", path, sizeof path);
  fill(path);
  root = test_sql(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'answers'", text, sizeof text);
  CHECK(root > 1);
  damage(path, root);
  s = NULL;
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_CORRUPT);
  CHECK(strstr(err, "damaged") != NULL);

  /* 5. Two connections in this process: the first one's DMS lock on the
  ** -shm (byte 128) must still be seen by another process after the
  ** second one opened. */
  test_db(dir, "two.db", path, sizeof path);
  qk_store *first = test_open(path);
  if (!first) return check_result("store_unclean");
  CHECK_RC(first, qk_store_setting_set(first, "t.first", "1"), QK_STORE_OK); /* the -wal is not empty */
  qk_store *second = test_open(path);
  fflush(NULL);
  pid_t probe = fork();
  if (probe == 0) {
    char shm[4300];
    snprintf(shm, sizeof shm, "%s-shm", path);
    int fd = open(shm, O_RDONLY); /* this child holds no lock to lose */
    struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1};
    _exit(fd >= 0 && fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type != F_UNLCK ? 0 : 1);
  }
  CHECK(probe > 0 && waitpid(probe, &status, 0) == probe && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  CHECK_RC(first, qk_store_setting_set(first, "t.first", "2"), QK_STORE_OK);
  if (second) qk_store_close(second);
  qk_store_close(first);
  return check_result("store_unclean");
}
