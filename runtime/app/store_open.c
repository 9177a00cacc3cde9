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

/* Between candidates (each fresh VM): unfinished sessions that can no
** longer be resumed are kept as interrupted, not left "in progress". */
void app_mark_stale(qk_app *a) {
  int n = 0;
  if (qk_store_interrupt_stale(a->store, a->kiosk_id, NULL, app_wall_ms(a), a->resume_window_ms, &n) != QK_STORE_OK)
    qk_log_write(a->log, QK_LOG_WARN, "could not mark stale sessions: %s", qk_store_errmsg(a->store));
  else if (n > 0)
    qk_log_write(a->log, QK_LOG_WARN, "%d unfinished session(s) that can no longer resume marked interrupted", n);
}

/* The first open, on its own thread: it touches nothing but its own
** fields and the database until app_open_store joins it. */
struct app_store_opening {
  pthread_t thread;
  const char *path;
  qk_store *store;
  int rc;
  char err[1024];
};

static void *opening_run(void *arg) {
  struct app_store_opening *o = arg;
  o->rc = qk_store_open(o->path, &o->store, o->err, sizeof o->err);
  return NULL;
}

void app_open_store_begin(qk_app *a) {
  struct app_store_opening *o = calloc(1, sizeof *o);
  if (!o) return; /* app_open_store opens it itself */
  o->path = a->opt.db_path;
  if (pthread_create(&o->thread, NULL, opening_run, o) != 0) {
    free(o);
    return;
  }
  a->opening = o;
}

/* Waits for the open begun on its thread; its result and the store it
** opened (NULL on failure) are then the caller's. */
static int opening_join(qk_app *a, qk_store **store, char *err, size_t errlen) {
  struct app_store_opening *o = a->opening;
  a->opening = NULL;
  pthread_join(o->thread, NULL);
  int rc = o->rc;
  *store = o->store;
  snprintf(err, errlen, "%s", o->err);
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
  int rc = a->opening ? opening_join(a, &a->store, err, sizeof err)
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
  if (a->opt.kiosk_id) snprintf(a->kiosk_id, sizeof a->kiosk_id, "%s", a->opt.kiosk_id);
  else if (qk_store_kiosk_id(a->store, a->kiosk_id, sizeof a->kiosk_id) != QK_STORE_OK)
    snprintf(a->kiosk_id, sizeof a->kiosk_id, "kiosk");
  char minutes[32];
  long m = RESUME_WINDOW_DEFAULT_MIN;
  if (qk_store_setting_get(a->store, "resume_window_min", minutes, sizeof minutes) == QK_STORE_OK) {
    char *end;
    long v = strtol(minutes, &end, 10);
    if (end != minutes && v >= 0 && v <= 24 * 60) m = v;
  }
  a->resume_window_ms = (int64_t)m * 60000;
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
