/*
** kiosk_sim.c — a kiosk for the fleet tests and benches: the same store
** calls, batches and sync thread the runtime uses (one batch per tap, the
** worker started with qk_sync_start), driven by a fixed script instead of
** a candidate, so three of them can run against one server while the test
** breaks things.
**
**   qk_fleet_kiosk exams DB KIOSK N [--pg URL] [--half FILE] [--seed S] [--pace MS] [--batch N]
**       N exams of 8 answers (two changed), events, a nickname; touches
**       FILE after half of them; then waits until the outbox is empty and
**       prints "drained" (exit 0), or gives up after 300 s (exit 1).
**   qk_fleet_kiosk watch DB KIOSK --pg URL --exam E --name NICK
**       reads the leaderboard as store.leaderboard does (local board merged
**       with the central one) until NICK shows, then prints "seen" and the
**       milliseconds it took (exit 0); exit 1 after 60 s.
**   qk_fleet_kiosk finish DB KIOSK --exam E --name NICK --score X
**       one completed session (with --pg: and waits until it is sent).
**   qk_fleet_kiosk sync DB KIOSK --pg URL [--for MS]
**       only the sync worker: until the outbox has nothing left to send
**       (or for MS), then prints the worker's state as the staff screen
**       gets it: "state connected=.. backlog=.. refused=.. held=..
**       sent=.. reason=<latest refusal> error=<last error>".
*/
#include "outbox.h"
#include "sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms) {
  struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static int pace_ms; /* --pace: pause after each tap, so a run lasts long enough to break things */

static int fail(qk_store *s, const char *what) {
  fprintf(stderr, "kiosk_sim: %s: %s\n", what, s ? qk_store_errmsg(s) : "");
  return 1;
}

/* One tap: the calls between batch_begin and batch_end, as the runtime. */
#define TAP(s, calls) \
  (qk_store_batch_begin(s) == QK_STORE_OK && (calls) && qk_store_batch_end(s) == QK_STORE_OK)

static int one_exam(qk_store *s, const char *kiosk, const char *exam, const char *nick, double score,
                    unsigned *seed, int answers) {
  qk_store_session_info in = {kiosk, "fair", exam, "Fair quiz", "hash-v1", (int64_t)*seed, "en", "fair"};
  int64_t id = 0;
  if (!TAP(s, qk_store_session_begin(s, &in, now_ms(), &id) == QK_STORE_OK &&
                  qk_store_event(s, id, now_ms(), "start", "{\"lang\":\"en\"}", 0) == QK_STORE_OK))
    return fail(s, "begin");
  if (!TAP(s, qk_store_candidate_set(s, id, "nickname", nick) == QK_STORE_OK)) return fail(s, "nickname");
  for (int i = 0; i < answers; i++) {
    char q[16], resp[16];
    snprintf(q, sizeof q, "q%d", i < 2 ? i : i - (i % 5 == 0)); /* some questions answered twice */
    snprintf(resp, sizeof resp, "\"%c\"", 'a' + (int)(rand_r(seed) % 4));
    qk_store_answer_in a = {q, resp, (double)(rand_r(seed) % 2), 1, -1, 1000 + (int)(rand_r(seed) % 900), 0};
    a.correct = a.points > 0;
    if (!TAP(s, qk_store_event(s, id, now_ms(), "question", "{\"n\":1}", 0) == QK_STORE_OK &&
                    qk_store_answer(s, id, &a, now_ms()) == QK_STORE_OK))
      return fail(s, "answer");
    if (pace_ms) sleep_ms(pace_ms);
  }
  if (!TAP(s, qk_store_session_finish(s, id, QK_SESSION_COMPLETED, score, answers, score >= answers / 2.0,
                                      now_ms()) == QK_STORE_OK))
    return fail(s, "finish");
  return 0;
}

/* Waits until the worker has emptied the outbox (no worker: at once). */
static int drain(qk_store *s, qk_sync *sync, const char *kiosk) {
  int rc = 0;
  int64_t start = now_ms();
  while (!rc && sync) {
    qk_sync_state st;
    qk_sync_get_state(sync, &st);
    int64_t backlog = 0;
    if (qk_store_outbox_backlog(s, &backlog) != QK_STORE_OK) return fail(s, "backlog");
    /* The worker's own count too: its state is then up to date. */
    if (backlog == 0 && st.connected && st.backlog == 0) break;
    if (now_ms() - start > 300000) {
      fprintf(stderr, "kiosk_sim %s: backlog %lld not drained (%s)\n", kiosk, (long long)backlog, st.error);
      rc = 1;
    }
    sleep_ms(50);
  }
  return rc;
}

static const char *opt(int argc, char **argv, const char *name) {
  for (int i = 1; i + 1 < argc; i++)
    if (!strcmp(argv[i], name)) return argv[i + 1];
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: qk_fleet_kiosk exams|watch|finish DB KIOSK ...\n");
    return 2;
  }
  const char *mode = argv[1], *db = argv[2], *kiosk = argv[3], *pg = opt(argc, argv, "--pg");
  char err[600];
  qk_store *s = NULL;
  if (qk_store_open(db, &s, err, sizeof err) != QK_STORE_OK) {
    fprintf(stderr, "kiosk_sim: %s\n", err);
    return 1;
  }
  if (qk_store_setting_set(s, "kiosk_id", kiosk) != QK_STORE_OK) return fail(s, "kiosk id");
  qk_sync *sync = NULL;
  if (pg) {
    qk_sync_config cfg = {.url = pg, .db_path = db, .kiosk_id = kiosk, .software = "test",
                          .batch = opt(argc, argv, "--batch") ? atoi(opt(argc, argv, "--batch")) : 0};
    if (!(sync = qk_sync_start(&cfg, err, sizeof err))) {
      fprintf(stderr, "kiosk_sim: %s\n", err);
      return 1;
    }
  }
  int rc = 0;
  if (opt(argc, argv, "--pace")) pace_ms = atoi(opt(argc, argv, "--pace"));
  const char *exam = opt(argc, argv, "--exam"), *nick = opt(argc, argv, "--name");
  if (!strcmp(mode, "exams")) {
    int n = argc > 4 ? atoi(argv[4]) : 0;
    const char *half = opt(argc, argv, "--half");
    unsigned seed = opt(argc, argv, "--seed") ? (unsigned)atoi(opt(argc, argv, "--seed")) : 1;
    for (int e = 0; e < n && !rc; e++) {
      char name[64];
      snprintf(name, sizeof name, "%s-%d", kiosk, e);
      rc = one_exam(s, kiosk, "quiz", name, (double)(rand_r(&seed) % 9), &seed, 8);
      if (half && e + 1 == n / 2) {
        FILE *f = fopen(half, "w");
        if (f) fclose(f);
      }
      sleep_ms(10);
    }
    if (!rc) rc = drain(s, sync, kiosk);
    if (!rc) printf("%s drained\n", kiosk);
  } else if (!strcmp(mode, "watch") && exam && nick && sync) {
    int64_t start = now_ms();
    for (;;) {
      qk_store_leader rows[10];
      int count = 0;
      if (qk_store_leaderboard(s, "fair", exam, NULL, 10, rows, &count) != QK_STORE_OK) {
        rc = fail(s, "leaderboard");
        break;
      }
      int central = qk_sync_board_merge(sync, "fair", exam, 10, rows, &count), seen = 0;
      for (int i = 0; i < count; i++) seen |= !strcmp(rows[i].name, nick);
      if (seen && central) {
        printf("seen %lld ms after it started watching, seen_at %lld\n", (long long)(now_ms() - start),
               (long long)now_ms());
        break;
      }
      if (now_ms() - start > 60000) {
        fprintf(stderr, "kiosk_sim: %s never showed on the board\n", nick);
        rc = 1;
        break;
      }
      /* Ready for the other kiosk: the central board is being read. */
      if (central && opt(argc, argv, "--ready")) {
        FILE *f = fopen(opt(argc, argv, "--ready"), "w");
        if (f) fclose(f);
      }
      sleep_ms(20);
    }
  } else if (!strcmp(mode, "finish") && exam && nick && opt(argc, argv, "--score")) {
    unsigned seed = 5;
    rc = one_exam(s, kiosk, exam, nick, atof(opt(argc, argv, "--score")), &seed, 2);
    if (!rc) printf("committed_at %lld\n", (long long)now_ms()); /* for bench/fleet: commit -> other board */
    fflush(stdout);
    if (!rc) rc = drain(s, sync, kiosk);
  } else if (!strcmp(mode, "sync") && sync) {
    const char *for_ms = opt(argc, argv, "--for");
    if (for_ms) sleep_ms(atoi(for_ms));
    else rc = drain(s, sync, kiosk);
    qk_sync_state st;
    qk_sync_get_state(sync, &st);
    printf("state connected=%d backlog=%lld refused=%lld held=%lld sent=%lld reason=%s error=%s\n", st.connected,
           (long long)st.backlog, (long long)st.refused, (long long)st.held, (long long)st.sent_total,
           st.refused_reason, st.error);
  } else {
    fprintf(stderr, "kiosk_sim: bad arguments\n");
    rc = 2;
  }
  qk_sync_stop(sync);
  qk_store_close(s);
  return rc;
}
