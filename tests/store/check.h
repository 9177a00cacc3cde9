/*
** check.h — the store tests' tiny harness: CHECK records a failure and goes
** on (so one run shows every broken thing), CHECK_RC also prints the
** store's error message. A test's main() returns check_result().
*/
#ifndef QK_STORE_CHECK_H
#define QK_STORE_CHECK_H

#include "store.h"

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
