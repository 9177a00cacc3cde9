/*
** store_open.c — the kiosk's side of the results database: opening it (its
** kiosk id and the resume window come from it), probing it again after a
** failure, and marking sessions that can no longer resume as interrupted.
** While it cannot be used the kiosk shows why instead of letting a
** candidate start answers that could not be kept.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_int.h"
#include "store.h"

#define RESUME_WINDOW_DEFAULT_MIN 30

/* Marks unfinished sessions that can no longer be resumed as interrupted;
** the count in *n. Shared by the opening thread and app_mark_stale. */
static int mark_stale(qk_store *s, const char *kiosk_id, int64_t now_ms, int64_t window_ms, int *n) {
  *n = 0;
  return qk_store_interrupt_stale(s, kiosk_id, NULL, now_ms, window_ms, n);
}

static void report_stale(qk_app *a, int rc, int n, const char *why) {
  if (rc != QK_STORE_OK)
    qk_log_write(a->log, QK_LOG_WARN, "could not mark stale sessions: %s", why);
  else if (n > 0)
    qk_log_write(a->log, QK_LOG_WARN, "%d unfinished session(s) that can no longer resume marked interrupted", n);
}

/* Between candidates (each fresh VM): unfinished sessions that can no
** longer be resumed are kept as interrupted, not left "in progress". The
** first start's were marked on the opening thread just before (nothing
** writes a session in between): that result is reported instead. */
void app_mark_stale(qk_app *a) {
  if (a->stale_at_open.done) {
    a->stale_at_open.done = 0;
    report_stale(a, a->stale_at_open.rc, a->stale_at_open.n, a->stale_at_open.why);
    return;
  }
  int n = 0;
  int rc = mark_stale(a->store, a->kiosk_id, app_wall_ms(a), a->resume_window_ms, &n);
  report_stale(a, rc, n, rc == QK_STORE_OK ? "" : qk_store_errmsg(a->store));
}

/* The kiosk's id (--kiosk-id, else the store's, made on first use) and
** the resume window (the resume_window_min setting), read once the store
** is open. */
static void read_identity(qk_store *s, const char *kiosk_opt, char *kiosk_id, size_t len, int64_t *window_ms) {
  if (kiosk_opt) snprintf(kiosk_id, len, "%s", kiosk_opt);
  else if (qk_store_kiosk_id(s, kiosk_id, len) != QK_STORE_OK)
    snprintf(kiosk_id, len, "kiosk");
  char minutes[32];
  long m = RESUME_WINDOW_DEFAULT_MIN;
  if (qk_store_setting_get(s, "resume_window_min", minutes, sizeof minutes) == QK_STORE_OK) {
    char *end;
    long v = strtol(minutes, &end, 10);
    if (end != minutes && v >= 0 && v <= 24 * 60) m = v;
  }
  *window_ms = (int64_t)m * 60000;
}

/* The first open, on its own thread: it touches nothing but its own
** fields and the database until app_open_store joins it. Besides the open
** (the schema, the unclean-shutdown check) it does what the first start
** would do next on the main thread before its first frame: the kiosk id,
** the resume window and marking the stale sessions (each statement's
** first preparation with it), so the main thread finds them done. */
struct app_store_opening {
  pthread_t thread;
  const char *path;
  const char *kiosk_opt;     /* --kiosk-id, or NULL */
  int virtual_clock;         /* replays and tools: the wall clock is wall_ms */
  int64_t wall_ms;
  qk_store *store;
  int rc;
  char err[1024];
  char kiosk_id[128];
  int64_t resume_window_ms;
  int stale_rc, stale_n;
  char stale_why[512];
};

static void *opening_run(void *arg) {
  struct app_store_opening *o = arg;
  o->rc = qk_store_open(o->path, &o->store, o->err, sizeof o->err);
  if (o->rc != QK_STORE_OK) return NULL;
  read_identity(o->store, o->kiosk_opt, o->kiosk_id, sizeof o->kiosk_id, &o->resume_window_ms);
  int64_t now = o->virtual_clock ? o->wall_ms : app_real_wall_ms();
  o->stale_rc = mark_stale(o->store, o->kiosk_id, now, o->resume_window_ms, &o->stale_n);
  if (o->stale_rc != QK_STORE_OK) snprintf(o->stale_why, sizeof o->stale_why, "%s", qk_store_errmsg(o->store));
  return NULL;
}

void app_open_store_begin(qk_app *a) {
  struct app_store_opening *o = calloc(1, sizeof *o);
  if (!o) return; /* app_open_store opens it itself */
  o->path = a->opt.db_path;
  o->kiosk_opt = a->opt.kiosk_id;
  o->virtual_clock = a->virtual_clock;
  o->wall_ms = a->virtual_clock ? app_wall_ms(a) : 0; /* the virtual clock stands still until the first start */
  if (pthread_create(&o->thread, NULL, opening_run, o) != 0) {
    free(o);
    return;
  }
  a->opening = o;
}

/* Waits for the open begun on its thread; its result and the store it
** opened (NULL on failure) are then the caller's, and on success what the
** thread read and marked goes into a. */
static int opening_join(qk_app *a, qk_store **store, char *err, size_t errlen) {
  struct app_store_opening *o = a->opening;
  a->opening = NULL;
  pthread_join(o->thread, NULL);
  int rc = o->rc;
  *store = o->store;
  snprintf(err, errlen, "%s", o->err);
  if (rc == QK_STORE_OK) {
    snprintf(a->kiosk_id, sizeof a->kiosk_id, "%s", o->kiosk_id);
    a->resume_window_ms = o->resume_window_ms;
    a->stale_at_open.done = 1;
    a->stale_at_open.rc = o->stale_rc;
    a->stale_at_open.n = o->stale_n;
    snprintf(a->stale_at_open.why, sizeof a->stale_at_open.why, "%s", o->stale_why);
  }
  free(o);
  return rc;
}

void app_open_store_abandon(qk_app *a) {
  if (!a->opening) return;
  qk_store *s = NULL;
  char err[1024];
  opening_join(a, &s, err, sizeof err);
  qk_store_close(s);
}

/* Opens the results database; on failure the kiosk shows why and retries
** instead of letting a candidate start answers that could not be kept. */
int app_open_store(qk_app *a) {
  char err[1024];
  qk_store_close(a->store);
  a->store = NULL;
  int joined = a->opening != NULL;
  int rc = joined ? opening_join(a, &a->store, err, sizeof err)
                  : qk_store_open(a->opt.db_path, &a->store, err, sizeof err);
  if (rc != QK_STORE_OK) {
    a->store = NULL;
    snprintf(a->error, sizeof a->error, "%s\n数据库文件 · database: %s", err, a->opt.db_path);
    qk_log_write(a->log, QK_LOG_ERROR, "results database unusable: %s (%s)", err, a->opt.db_path);
    qk_host_free(a->host);
    a->host = NULL;
    a->state = STATE_NO_STORE;
    a->error_until = app_now(a) + STORE_RETRY_MS;
    a->dirty = 1;
    return -1;
  }
  if (!joined) read_identity(a->store, a->opt.kiosk_id, a->kiosk_id, sizeof a->kiosk_id, &a->resume_window_ms);
  app_audio_levels_load(a);
  app_fleet_start(a);
  return 0;
}


/* The results store failed mid-exam: is it back? On success the candidate
** who was there goes on with their session without being asked again. */
int app_store_back(qk_app *a) {
  if (!a->store) return app_open_store(a) == 0;
  if (qk_store_probe(a->store) != QK_STORE_OK) {
    snprintf(a->error, sizeof a->error, "%s\n数据库文件 · database: %s", qk_store_errmsg(a->store), a->opt.db_path);
    return 0;
  }
  /* Staff came and fixed it: the candidate who waited goes on. */
  app_keep_live_session(a, a->resume_window_ms);
  qk_log_write(a->log, QK_LOG_INFO, "results storage works again%s", a->continue_session ? ": continuing the session" : "");
  return 1;
}
