/*
** check.h — the store tests' tiny harness: CHECK records a failure and goes
** on (so one run shows every broken thing), CHECK_RC also prints the
** store's error message. A test's main() returns check_result().
*/
#ifndef QK_STORE_CHECK_H
#define QK_STORE_CHECK_H

#include "store.h"

#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int check_failures;

#define CHECK(cond)                                                           \
  do {                                                                        \
    if (!(cond)) {                                                            \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      check_failures++;                                                       \
    }                                                                         \
  } while (0)

#define CHECK_RC(s, expr, want)                                                              \
  do {                                                                                       \
    int rc_ = (expr);                                                                        \
    if (rc_ != (want)) {                                                                     \
      fprintf(stderr, "%s:%d: %s returned %d, wanted %d (%s)\n", __FILE__, __LINE__, #expr, \
              rc_, (int)(want), qk_store_errmsg(s));                                         \
      check_failures++;                                                                      \
    }                                                                                        \
  } while (0)

#define CHECK_STR(a, b)                                                                         \
  do {                                                                                          \
    const char *a_ = (a), *b_ = (b);                                                            \
    if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                    \
      fprintf(stderr, "%s:%d: %s is \"%s\", wanted \"%s\"\n", __FILE__, __LINE__, #a,           \
              a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                          \
      check_failures++;                                                                         \
    }                                                                                           \
  } while (0)

static inline int check_result(const char *name) {
  if (check_failures) fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
  else printf("%s: all checks passed\n", name);
  return check_failures ? 1 : 0;
}

/* Opens the store at path; NULL (a failure counted, the reason printed)
** when it cannot. */
static inline qk_store *test_open(const char *path) {
  qk_store *s = NULL;
  char err[400];
  if (qk_store_open(path, &s, err, sizeof err) != QK_STORE_OK) {
    fprintf(stderr, "open %s: %s\n", path, err);
    check_failures++;
    return NULL;
  }
  return s;
}

/* The first column of the first row SQL gives on its own read-only
** connection to db (a path, or a file: URI such as "file:x.db?immutable=1"
** to read the file alone, without its -wal): as text into out (len bytes,
** "" when there is none), and as an integer, -1 when there is none. */
static inline int test_sql(const char *db, const char *sql, char *out, size_t len) {
  sqlite3 *h = NULL;
  sqlite3_stmt *st = NULL;
  int n = -1;
  if (out && len) out[0] = 0;
  if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    n = sqlite3_column_int(st, 0);
    if (out && len && sqlite3_column_text(st, 0))
      snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return n;
}

/* dir/name into out, after making dir; removes an old db and its -wal/-shm. */
static inline void test_db(const char *dir, const char *name, char *out, size_t len) {
  char cmd[4200], side[4300];
  snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "cannot make %s\n", dir);
  snprintf(out, len, "%s/%s", dir, name);
  unlink(out);
  snprintf(side, sizeof side, "%s-wal", out);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", out);
  unlink(side);
}

/* Whole file into a malloc'd NUL-terminated buffer; *len its size. */
static inline char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  if (buf) buf[n] = 0;
  if (len) *len = (size_t)n;
  return buf;
}

static inline int contains_bytes(const char *hay, size_t n, const char *needle) {
  size_t m = strlen(needle);
  for (size_t i = 0; m && i + m <= n; i++)
    if (!memcmp(hay + i, needle, m)) return 1;
  return 0;
}

#endif
