/*
** dbbench.c — one timing of one store operation on a big database, for
** bench/db/run.sh, which runs it many times (interleaved with the baseline
** build of the same file) and takes medians. Only the store's public API
** is used, so the same file builds against an older store for the
** side-by-side figures.
**
**   qk_db_bench open DB            ms for qk_store_open + qk_store_close
**   qk_db_bench board DB           ms for the top 10 plus one session's rank
**   qk_db_bench stats DB           ms for what `quizkiosk stats` reads
**   qk_db_bench export DB OUT.csv  ms for the CSV export (sessions + answers)
**   qk_db_bench xlsx DB OUT.xlsx   ms for the Excel export (a newer store only)
** Prints "<wall ms> <cpu ms>" on stdout (CPU: user + system of this
** process, which stays meaningful on a machine other work keeps busy);
** errors to stderr with exit 1.
*/
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
         (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static qk_store *open_or_die(const char *path) {
  char err[600];
  qk_store *s = NULL;
  if (qk_store_open(path, &s, err, sizeof err)) {
    fprintf(stderr, "qk_db_bench: %s\n", err);
    exit(1);
  }
  return s;
}

static void die(qk_store *s, const char *what) {
  fprintf(stderr, "qk_db_bench: %s: %s\n", what, qk_store_errmsg(s));
  exit(1);
}

static int count_exam(void *ud, const char *app, const char *exam, const char *title,
                      const qk_store_stats *st) {
  (void)app, (void)exam, (void)title;
  *(int64_t *)ud += st->started;
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: qk_db_bench open|board|stats|export DB [OUT]\n");
    return 2;
  }
  const char *op = argv[1], *path = argv[2];
  double t, c;
  if (!strcmp(op, "open")) {
    c = cpu();
    t = now();
    qk_store *s = open_or_die(path);
    qk_store_close(s);
    printf("%.3f %.3f\n", now() - t, cpu() - c);
    return 0;
  }
  qk_store *s = open_or_die(path);
  c = cpu();
  if (!strcmp(op, "board")) {
    qk_store_leader top[10];
    int count = 0, rank = 0, total = 0;
    t = now();
    if (qk_store_leaderboard(s, "trade_fair", "trade_fair", NULL, 10, top, &count)) die(s, "leaderboard");
    /* A candidate far down the board: the rank is counted, not listed. */
    int64_t me = 777777 % 1000 + 1000;
    int rc = qk_store_leader_rank(s, "trade_fair", "trade_fair", me, &rank, &total);
    if (rc < 0) die(s, "rank");
    t = now() - t;
    if (count != 10) die(s, "leaderboard has fewer than 10 rows");
    fprintf(stderr, "top %s %.0f, session %lld rank %d of %d\n", top[0].name, top[0].score, (long long)me,
            rank, total);
  } else if (!strcmp(op, "stats")) {
    qk_store_stats all, day;
    int64_t n = 0;
    t = now();
    if (qk_store_stats_since(s, 0, &all) || qk_store_stats_since(s, 1767225600000, &day) ||
        qk_store_stats_by_exam(s, 0, count_exam, &n))
      die(s, "stats");
    t = now() - t;
    fprintf(stderr, "%lld sessions, %lld by exam\n", (long long)all.started, (long long)n);
  } else if ((!strcmp(op, "export") || !strcmp(op, "xlsx")) && argc > 3) {
    char apath[4200];
    t = now();
    if (qk_store_export_file(s, argv[3], !strcmp(op, "xlsx") ? "xlsx" : "csv", 0, apath, sizeof apath))
      die(s, "export");
    t = now() - t;
  } else {
    fprintf(stderr, "qk_db_bench: unknown operation %s\n", op);
    return 2;
  }
  c = cpu() - c;
  qk_store_close(s);
  printf("%.3f %.3f\n", t, c);
  return 0;
}
