/*
** open_errors_test.c — what open reports before a candidate starts: a
** garbage file and a database with damaged pages (corrupt), a read-only
** file and folder (read-only), a path under a regular file, an empty path;
** each a clear, different message, no crash, no store handed out.
**
** Running as root, chmod 0444 does not stop writes (root ignores the mode
** bits), so the read-only sub-cases are skipped, with a message, exactly
** when a test write to the chmod'ed file or folder succeeds.
** Usage: qk_store_open_errors_test DIR
*/
#include "check.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/wait.h>

static void write_file(const char *path, const void *data, size_t n, long offset) {
  int fd = open(path, O_WRONLY | O_CREAT, 0644);
  CHECK(fd >= 0);
  if (fd < 0) return;
  CHECK(pwrite(fd, data, n, offset) == (ssize_t)n);
  close(fd);
}

/* A real database with several pages of data, closed cleanly. */
static void make_db(const char *path) {
  qk_store *s = NULL;
  char err[300];
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  if (!s) return;
  char value[2000];
  memset(value, 'x', sizeof value - 1);
  value[sizeof value - 1] = 0;
  for (int i = 0; i < 40; i++) {
    char key[16];
    snprintf(key, sizeof key, "k%d", i);
    qk_store_setting_set(s, key, value);
  }
  qk_store_close(s);
}

static int expect_fail(const char *path, int want, const char *needle, char *err, size_t len) {
  qk_store *s = (qk_store *)1; /* must come back NULL */
  int rc = qk_store_open(path, &s, err, len);
  CHECK(rc == want);
  CHECK(s == NULL);
  if (rc != want) fprintf(stderr, "open %s: rc %d, wanted %d: %s\n", path, rc, want, err);
  if (needle && !strstr(err, needle)) {
    fprintf(stderr, "open %s: message \"%s\" lacks \"%s\"\n", path, err, needle);
    check_failures++;
  }
  if (rc == QK_STORE_OK) qk_store_close(s);
  return rc;
}

/* Can this process write path despite its mode bits (root)? */
static int can_write_anyway(const char *path, int is_dir) {
  if (is_dir) {
    char probe[4300];
    snprintf(probe, sizeof probe, "%s/.probe", path);
    int fd = open(probe, O_WRONLY | O_CREAT, 0644);
    if (fd < 0) return 0;
    close(fd);
    unlink(probe);
    return 1;
  }
  int fd = open(path, O_WRONLY);
  if (fd < 0) return 0;
  close(fd);
  return 1;
}

#define NOBODY 65534

/* Expects open to fail with QK_STORE_READONLY and needle in the message.
** Root can write anything, so as root the check runs in a child that has
** become "nobody"; if even that is impossible, the sub-case is skipped
** with a message (and only then). */
static void readonly_case(const char *path, int is_dir, const char *what, const char *needle, char *msg,
                          size_t msglen) {
  char err[600] = "", target[4200];
  snprintf(target, sizeof target, "%s", path);
  if (is_dir) *strrchr(target, '/') = 0;
  if (!can_write_anyway(target, is_dir)) {
    expect_fail(path, QK_STORE_READONLY, needle, err, sizeof err);
    if (msg) snprintf(msg, msglen, "%s", err);
    return;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    if (setgroups(0, NULL) != 0 || setgid(NOBODY) != 0 || setuid(NOBODY) != 0) _exit(77);
    if (access(path, R_OK) != 0 || can_write_anyway(target, is_dir)) _exit(78);
    check_failures = 0;
    expect_fail(path, QK_STORE_READONLY, needle, err, sizeof err);
    printf("read-only %s (as nobody): %s\n", what, err);
    fflush(stdout);
    _exit(check_failures > 100 ? 100 : check_failures);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && (WEXITSTATUS(status) == 77 || WEXITSTATUS(status) == 78)) {
    printf("SKIP read-only %s: this process can write it regardless of its mode (root) and cannot "
           "switch to user nobody to try (%s)\n",
           what, WEXITSTATUS(status) == 77 ? "setuid refused" : "nobody cannot reach the test folder");
    return;
  }
  CHECK(WIFEXITED(status));
  if (WIFEXITED(status)) check_failures += WEXITSTATUS(status);
  if (msg) snprintf(msg, msglen, "database is read-only"); /* for the comparison below */
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "store-open-errors-test";
  char path[4200], err[600], corrupt_msg[600] = "", ro_msg[600] = "";

  /* 1. Garbage bytes. */
  test_db(dir, "garbage.db", path, sizeof path);
  char junk[8192];
  for (size_t i = 0; i < sizeof junk; i++) junk[i] = (char)(i * 37 + 11);
  write_file(path, junk, sizeof junk, 0);
  expect_fail(path, QK_STORE_CORRUPT, "damaged", err, sizeof err);
  CHECK(strstr(err, path) != NULL);
  snprintf(corrupt_msg, sizeof corrupt_msg, "%s", err);

  /* 2. A good header with damaged pages: caught by quick_check or the
  ** first read, before a candidate starts. */
  test_db(dir, "damaged.db", path, sizeof path);
  make_db(path);
  char zeros[4096];
  memset(zeros, 0x5A, sizeof zeros);
  for (long off = 4096; off < 4096 * 6; off += 4096) write_file(path, zeros, sizeof zeros, off);
  expect_fail(path, QK_STORE_CORRUPT, "damaged", err, sizeof err);

  /* 3. Read-only file, in a folder anyone may write. */
  char rofile_dir[4200], rodir[4200];
  snprintf(rofile_dir, sizeof rofile_dir, "%s/rofile", dir);
  test_db(rofile_dir, "readonly.db", path, sizeof path);
  make_db(path);
  chmod(rofile_dir, 0777);
  chmod(path, 0444);
  readonly_case(path, 0, "database", "is read-only", ro_msg, sizeof ro_msg);
  chmod(path, 0644);

  /* 4. Read-only folder (the WAL files could not be created there), with
  ** a database file its user may write. */
  snprintf(rodir, sizeof rodir, "%s/rodir", dir);
  test_db(rodir, "x.db", path, sizeof path);
  make_db(path);
  if (getuid() == 0 && chown(path, NOBODY, NOBODY) != 0) perror("chown");
  chmod(rodir, 0555);
  readonly_case(path, 1, "folder", "is not writable", NULL, 0);
  chmod(rodir, 0755);

  /* The two kinds of failure read differently. */
  CHECK(strstr(corrupt_msg, "read-only") == NULL);
  if (ro_msg[0]) CHECK(strstr(ro_msg, "damaged") == NULL);

  /* 5. A path whose "folder" is a regular file. */
  char file[4200];
  test_db(dir, "plainfile", file, sizeof file);
  write_file(file, "x", 1, 0);
  snprintf(path, sizeof path, "%s/sub/x.db", file);
  CHECK(expect_fail(path, QK_STORE_CANTOPEN, "cannot create the folder", err, sizeof err) != QK_STORE_OK);

  /* 6. A folder where the file should be; an empty path. */
  snprintf(path, sizeof path, "%s", dir);
  expect_fail(path, QK_STORE_CANTOPEN, "is a folder", err, sizeof err);
  expect_fail("", QK_STORE_INVALID, "no database path", err, sizeof err);
  CHECK_STR(qk_store_errmsg(NULL), "no store (it failed to open)");

  /* 7. After all that, a good file next to the bad ones still opens. */
  test_db(dir, "good.db", path, sizeof path);
  qk_store *s = NULL;
  CHECK_RC(s, qk_store_open(path, &s, err, sizeof err), QK_STORE_OK);
  qk_store_close(s);
  return check_result("store_open_errors");
}
