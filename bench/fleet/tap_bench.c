/*
** tap_bench.c — the UI thread's time per answer, with the fleet sync
** thread running or not: each tap is what the runtime does for an answer
** (batch_begin, store.event, store.answer, batch_end: one transaction, one
** fsync), timed on the calling thread. With --pg the worker sends the
** taps' outbox rows to the server meanwhile, on its own thread and
** connection. Prints the median, 90th percentile and max per tap in ms.
**   qk_bench_fleet_tap DB TAPS [--pg URL]
*/
#include "sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: qk_bench_fleet_tap DB TAPS [--pg URL]\n");
    return 2;
  }
  int taps = atoi(argv[2]);
  const char *pg = argc > 4 && !strcmp(argv[3], "--pg") ? argv[4] : NULL;
  char err[600];
  qk_store *s = NULL;
  if (taps < 1 || qk_store_open(argv[1], &s, err, sizeof err) != QK_STORE_OK) {
    fprintf(stderr, "qk_bench_fleet_tap: %s\n", taps < 1 ? "TAPS must be positive" : err);
    return 1;
  }
  qk_sync *sync = NULL;
  if (pg) {
    qk_sync_config cfg = {.url = pg, .db_path = argv[1], .kiosk_id = "bench", .software = "bench"};
    if (!(sync = qk_sync_start(&cfg, err, sizeof err))) {
      fprintf(stderr, "qk_bench_fleet_tap: %s\n", err);
      return 1;
    }
    usleep(300000); /* connected before the first tap */
  }
  double *t = calloc((size_t)taps, sizeof *t);
  qk_store_session_info in = {"bench", "fair", "quiz", "Quiz", "h", 1, "en", "fair"};
  int64_t id = 0;
  int rc = 0;
  for (int i = 0; i < taps && !rc && t; i++) {
    if (i % 10 == 0) {
      if (id) rc |= qk_store_session_finish(s, id, QK_SESSION_COMPLETED, 5, 10, 1, 1000 + i);
      rc |= qk_store_session_begin(s, &in, 1000 + i, &id);
    }
    char q[16];
    snprintf(q, sizeof q, "q%d", i % 10);
    qk_store_answer_in a = {q, "\"b\"", 1, 1, 1, 1200, 0};
    double t0 = mono_ms();
    rc |= qk_store_batch_begin(s);
    rc |= qk_store_event(s, id, 1000 + i, "question", "{\"n\":1}", 0);
    rc |= qk_store_answer(s, id, &a, 1000 + i);
    rc |= qk_store_batch_end(s);
    t[i] = mono_ms() - t0;
    usleep(20000); /* a candidate is slower than this */
  }
  if (rc) fprintf(stderr, "qk_bench_fleet_tap: %s\n", qk_store_errmsg(s));
  qk_sync_state st;
  qk_sync_get_state(sync, &st);
  qk_sync_stop(sync);
  qk_store_close(s);
  if (!t || rc) return 1;
  qsort(t, (size_t)taps, sizeof *t, cmp);
  printf("%s median %.2f p90 %.2f max %.2f ms per tap (%d taps)%s\n", pg ? "sync-on " : "sync-off", t[taps / 2],
         t[taps * 9 / 10], t[taps - 1], taps, pg && !st.connected ? " NOT CONNECTED" : "");
  free(t);
  return 0;
}
