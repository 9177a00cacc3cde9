/*
** pipe_test.c — the CSV export on two threads (runtime/store/export_pipe.c)
** with more rows than its blocks hold at once (the reader waits for the
** writer): every session and every answer is in the files, in order; a
** full disk on either file stops the export with the message it always
** had; a damaged page of the answers stops it with the reading error,
** leaves no file behind and does not hang. All of it with the writer
** thread (qk_store_set_export_threads 2) and without it (1), whose files must be
** the same bytes. Run it under TSan too (bench/README.md, export notes).
*/
#include "check.h"
#include "fixture.h"

#include <fcntl.h>

enum { N_SESSIONS = 4000, N_ANSWERS = 10 };

/* Sessions of 10 answers whose typed texts (60+ bytes) make the answer
** records about 7 MB: more than the pipe's four 1 MiB blocks. */
static void fill(qk_store *s) {
  CHECK_RC(s, qk_store_batch_begin(s), QK_STORE_OK);
  for (int i = 0; i < N_SESSIONS; i++) {
    qk_ms t = FIX_T0 + (qk_ms)i * 60000;
    int64_t id = fix_session(s, "gk", t);
    char v[40];
    snprintf(v, sizeof v, "candidate %d", i);
    qk_store_candidate_set(s, id, "name", v);
    qk_store_candidate_set(s, id, "phone", "138 0000 1234");
    for (int q = 0; q < N_ANSWERS; q++) {
      char qn[16], json[128];
      snprintf(qn, sizeof qn, "q%d", q);
      snprintf(json, sizeof json, "\"answer %d to %d, typed at some length so the rows fill blocks 王伟\"", i, q);
      fix_answer(s, id, qn, json, q % 2, q % 2, 1, t + 1000 + q);
    }
  }
  CHECK_RC(s, qk_store_batch_end(s), QK_STORE_OK);
}

/* The lines of a file (CRLF ends), and the session id of each answer line
** nondecreasing with N_ANSWERS lines per session. */
static long count_lines(const char *path, int answers) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  char line[512];
  long n = 0, id, last = 0, same = 0;
  while (fgets(line, sizeof line, f)) {
    n++;
    if (!answers || n == 1) continue;
    id = strtol(line, NULL, 10);
    CHECK(id >= last);
    same = id == last ? same + 1 : 1;
    if (id != last && last) CHECK(same == 1);
    last = id;
  }
  fclose(f);
  return n;
}

static FILE *big_buffered(const char *path) {
  FILE *f = fopen(path, "wb");
  if (f) setvbuf(f, NULL, _IOFBF, 1 << 20); /* as qk_store_open_part */
  return f;
}

static void full_disk(qk_store *s, const char *dir) {
  char ok[4200];
  snprintf(ok, sizeof ok, "%s/ok.csv", dir);
  if (access("/dev/full", W_OK) != 0) {
    fprintf(stderr, "pipe_test: no /dev/full here\n");
    check_failures++;
    return;
  }
  for (int which = 0; which < 2; which++) {
    FILE *sf = big_buffered(which ? ok : "/dev/full"), *af = big_buffered(which ? "/dev/full" : ok);
    CHECK(sf && af);
    if (!sf || !af) return;
    CHECK_RC(s, qk_store_export_csv(s, sf, af, 0), QK_STORE_FULL);
    CHECK_STR(qk_store_errmsg(s), which ? "writing the answers file failed: No space left on device"
                                        : "writing the sessions file failed: No space left on device");
    fclose(sf);
    fclose(af);
  }
}

/* Overwrites one leaf page of the answers table, half way along it. */
static int damage_answers(const char *path) {
  sqlite3 *db;
  sqlite3_stmt *st;
  long page = -1, size = 0;
  if (sqlite3_open(path, &db) != SQLITE_OK) return -1;
  if (sqlite3_prepare_v2(db,
                         "SELECT pageno, (SELECT page_size FROM pragma_page_size) FROM dbstat "
                         "WHERE name = 'answers' AND pagetype = 'leaf' ORDER BY path "
                         "LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat WHERE name = 'answers' "
                         "AND pagetype = 'leaf')",
                         -1, &st, NULL) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    page = (long)sqlite3_column_int64(st, 0);
    size = (long)sqlite3_column_int64(st, 1);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  if (page < 2 || size < 512) return -1;
  char junk[65536];
  memset(junk, 0x55, sizeof junk);
  int fd = open(path, O_WRONLY);
  int ok = fd >= 0 && pwrite(fd, junk, (size_t)size, (off_t)(page - 1) * size) == size;
  if (fd >= 0) close(fd);
  return ok ? 0 : -1;
}

static int same_bytes(const char *a, const char *b) {
  char cmd[9000];
  snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
  return system(cmd) == 0;
}

/* Removes a database and what SQLite keeps beside it: a -wal left by a run
** that was killed (a ctest timeout) would make the store refuse the new file
** (a -wal whose database is gone: moved_test.c). */
static void remove_db(const char *path) {
  static const char *const sides[] = {"", "-wal", "-shm", "-journal"};
  char p[4300];
  for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
    snprintf(p, sizeof p, "%s%s", path, sides[i]);
    unlink(p);
  }
}

/* One round of everything on "1" or "2" threads. */
static void round_of(const char *dir, const char *threads) {
  char path[4200], out[4200], apath[4200], part[4300], bad[4200], ref[4200];

  snprintf(path, sizeof path, "%s/results.db", dir);
  snprintf(bad, sizeof bad, "%s/damaged.db", dir);
  snprintf(out, sizeof out, "%s/out-%s.csv", dir, threads);
  remove_db(bad);
  qk_store *s = test_open(path);
  if (!s) return;
  qk_store_set_export_threads(s, threads[0] - '0');

  CHECK_RC(s, qk_store_export_file(s, out, "csv", 0, apath, sizeof apath), QK_STORE_OK);
  /* The same bytes with and without the writer thread. */
  if (!strcmp(threads, "1")) {
    snprintf(ref, sizeof ref, "%s/out-2.csv", dir);
    CHECK(same_bytes(out, ref));
    snprintf(ref, sizeof ref, "%s/out-2_answers.csv", dir);
    CHECK(same_bytes(apath, ref));
  }
  CHECK(count_lines(out, 0) == N_SESSIONS + 1);
  CHECK(count_lines(apath, 1) == (long)N_SESSIONS * N_ANSWERS + 1);
  full_disk(s, dir);
  /* After the failures the same store exports all of it again. */
  snprintf(out, sizeof out, "%s/again-%s.csv", dir, threads);
  CHECK_RC(s, qk_store_export_file(s, out, "csv", 0, apath, sizeof apath), QK_STORE_OK);
  CHECK(count_lines(apath, 1) == (long)N_SESSIONS * N_ANSWERS + 1);
  qk_store_close(s);

  /* A copy of the closed database (no WAL left: a clean open, no check). */
  char cmd[9000];
  snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, bad);
  CHECK(system(cmd) == 0);
  CHECK(damage_answers(bad) == 0);
  s = test_open(bad);
  if (!s) return;
  qk_store_set_export_threads(s, threads[0] - '0');
  snprintf(out, sizeof out, "%s/damaged-%s.csv", dir, threads);
  snprintf(apath, sizeof apath, "%s/damaged-%s_answers.csv", dir, threads);
  CHECK_RC(s, qk_store_export_file(s, out, "csv", 0, NULL, 0), QK_STORE_CORRUPT);
  CHECK(strncmp(qk_store_errmsg(s), "reading answers: ", 17) == 0);
  CHECK(strstr(qk_store_errmsg(s), "(the database file is damaged)") != NULL);
  CHECK(access(out, F_OK) != 0 && access(apath, F_OK) != 0);
  snprintf(part, sizeof part, "%s.part", out);
  CHECK(access(part, F_OK) != 0);
  qk_store_close(s);
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "pipe-test";
  char path[4200];
  mkdir(dir, 0755);
  snprintf(path, sizeof path, "%s/results.db", dir);
  remove_db(path);
  qk_store *s = test_open(path);
  if (!s) return check_result("pipe_test");
  fill(s);
  qk_store_close(s);
  round_of(dir, "2");
  round_of(dir, "1");
  return check_result("pipe_test");
}
