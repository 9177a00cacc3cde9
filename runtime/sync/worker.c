/*
** worker.c — the sync thread (sync.h): sends the outbox, keeps the
** central leaderboards the UI asked for, and keeps a state the staff
** screen can show. Everything the UI thread touches (state, boards) sits
** behind one mutex held only for copies; the network is this thread's.
*/
#include "central.h"
#include "pull.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BOARDS 16
#define BOARD_ROWS 100
#define IDLE_POLL_MS 200        /* how often an idle worker looks at the outbox */
#define HEARTBEAT_MS 30000      /* contact with an empty outbox */
#define BACKOFF_FIRST_MS 500
#define BACKOFF_MAX_MS 30000
#define FLUSH_MS 5000           /* stop: time left to send the backlog */

typedef struct {
  char app[128], exam[128];
  int valid, dirty, count;
  qk_store_leader rows[BOARD_ROWS];
} board;

struct qk_sync {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t wake;
  atomic_int stop; /* read by the thread between network steps */
  char *conninfo, *db_path, *kiosk, *software;
  int batch;
  qk_sync_state state;
  board boards[MAX_BOARDS];
  int n_boards;
  /* Question sets from the centre (pull.c); pull_app NULL: not pulling. */
  char *pull_app, *pull_root, *validator;
  int bundle_seen, bundle_check;
  atomic_int contact_now; /* set by the UI thread too (bundle_take) */
  int ready_version;                 /* checked, waiting for a moment between candidates */
  char ready_hash[65], ready_dir[4400];
  char running[160];                 /* what this kiosk runs, for fleet status */
  char bundle_error[512];            /* the last refused version and why */
};

static int64_t wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void set_error(qk_sync *s, int connected, const char *why) {
  pthread_mutex_lock(&s->mu);
  s->state.connected = connected;
  snprintf(s->state.error, sizeof s->state.error, "%s", why ? why : "");
  if (!connected)
    for (int i = 0; i < s->n_boards; i++) s->boards[i].valid = 0; /* local board from now on */
  pthread_mutex_unlock(&s->mu);
}

/* Counts the outbox into the state (backlog, refused, held, the latest
** reason) and returns the backlog: 0 when it cannot be read. */
static int64_t count_outbox(qk_sync *s, qk_store *st) {
  qk_outbox_counts n;
  if (qk_store_outbox_counts(st, &n) != QK_STORE_OK) return 0;
  pthread_mutex_lock(&s->mu);
  s->state.backlog = n.pending;
  s->state.refused = n.refused;
  s->state.held = n.held;
  s->state.refused_at_ms = n.last_at;
  if (n.refused) snprintf(s->state.refused_reason, sizeof s->state.refused_reason, "%s %s", n.last_code, n.last_reason);
  else s->state.refused_reason[0] = 0;
  pthread_mutex_unlock(&s->mu);
  return n.pending;
}

/* Sleeps up to ms, or until stop. */
static void nap(qk_sync *s, int ms) {
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += ms / 1000;
  until.tv_nsec += (long)(ms % 1000) * 1000000L;
  if (until.tv_nsec >= 1000000000L) {
    until.tv_sec++;
    until.tv_nsec -= 1000000000L;
  }
  pthread_mutex_lock(&s->mu);
  while (!s->stop && pthread_cond_timedwait(&s->wake, &s->mu, &until) != ETIMEDOUT) {}
  pthread_mutex_unlock(&s->mu);
}

/* ---- leaderboards -------------------------------------------------------- */

/* Fetches one board (this thread; the mutex is not held meanwhile). */
static int fetch_board(qk_sync *s, PGconn *c, qk_store *st, const char *app, const char *exam,
                       board *out) {
  const char *vals[2] = {app, exam};
  PGresult *r = PQexecParams(c,
                             "SELECT uuid::text, kiosk, name, score, max_score, finished_at FROM fleet.board "
                             "WHERE app = $1 AND exam = $2 ORDER BY score DESC, finished_at ASC, uuid "
                             "LIMIT 100",
                             2, NULL, vals, NULL, NULL, 0);
  int ok = PQresultStatus(r) == PGRES_TUPLES_OK;
  if (ok) {
    out->count = PQntuples(r);
    for (int i = 0; i < out->count; i++) {
      qk_store_leader *l = &out->rows[i];
      memset(l, 0, sizeof *l);
      /* This kiosk's own sessions keep their local ids (the screen
      ** highlights "you" by id); others are 0. */
      if (!strcmp(PQgetvalue(r, i, 1), s->kiosk) &&
          qk_store_session_by_uuid(st, PQgetvalue(r, i, 0), &l->session_id) != QK_STORE_OK)
        l->session_id = 0;
      snprintf(l->name, sizeof l->name, "%s", PQgetvalue(r, i, 2));
      l->score = strtod(PQgetvalue(r, i, 3), NULL);
      l->max_score = PQgetisnull(r, i, 4) ? 0 : strtod(PQgetvalue(r, i, 4), NULL);
      l->finished_at = PQgetisnull(r, i, 5) ? 0 : strtoll(PQgetvalue(r, i, 5), NULL, 10);
    }
  } else {
    char why[256];
    qk_central_err(why, sizeof why, "leaderboard: %s", PQresultErrorMessage(r));
    set_error(s, 1, why);
  }
  PQclear(r);
  return ok ? 0 : -1;
}

/* Re-reads every board marked dirty. -1 when the connection failed. */
static int refresh_boards(qk_sync *s, PGconn *c, qk_store *st) {
  for (int i = 0;; i++) {
    char app[128], exam[128];
    pthread_mutex_lock(&s->mu);
    int n = s->n_boards, dirty = i < n && s->boards[i].dirty;
    if (dirty) {
      snprintf(app, sizeof app, "%s", s->boards[i].app);
      snprintf(exam, sizeof exam, "%s", s->boards[i].exam);
      s->boards[i].dirty = 0;
    }
    pthread_mutex_unlock(&s->mu);
    if (i >= n) return 0;
    if (!dirty) continue;
    board *b = malloc(sizeof *b); /* 12 KB: off this thread's stack */
    if (!b) return 0;
    if (fetch_board(s, c, st, app, exam, b) != 0) {
      free(b);
      pthread_mutex_lock(&s->mu);
      s->boards[i].dirty = 1;
      pthread_mutex_unlock(&s->mu);
      return PQstatus(c) == CONNECTION_OK ? 0 : -1;
    }
    pthread_mutex_lock(&s->mu);
    memcpy(s->boards[i].rows, b->rows, sizeof b->rows);
    s->boards[i].count = b->count;
    s->boards[i].valid = 1;
    pthread_mutex_unlock(&s->mu);
    free(b);
  }
}

/* A NOTIFY fleet_board "app/exam": that board is stale. */
static void mark_dirty(qk_sync *s, const char *payload) {
  pthread_mutex_lock(&s->mu);
  for (int i = 0; i < s->n_boards; i++) {
    char key[300];
    snprintf(key, sizeof key, "%s/%s", s->boards[i].app, s->boards[i].exam);
    if (!payload || !strcmp(key, payload)) s->boards[i].dirty = 1;
  }
  pthread_mutex_unlock(&s->mu);
}

static int leader_before(const qk_store_leader *a, const qk_store_leader *b) {
  if (a->score != b->score) return a->score > b->score;
  return a->finished_at < b->finished_at;
}

int qk_sync_board_merge(qk_sync *s, const char *app, const char *exam, int n, qk_store_leader *rows,
                        int *count) {
  if (!s || !app || !exam || n <= 0) return 0;
  int used = 0;
  pthread_mutex_lock(&s->mu);
  board *b = NULL;
  for (int i = 0; i < s->n_boards && !b; i++)
    if (!strcmp(s->boards[i].app, app) && !strcmp(s->boards[i].exam, exam)) b = &s->boards[i];
  if (!b && s->n_boards < MAX_BOARDS && strlen(app) < 128 && strlen(exam) < 128) {
    b = &s->boards[s->n_boards++];
    memset(b, 0, sizeof *b);
    snprintf(b->app, sizeof b->app, "%s", app);
    snprintf(b->exam, sizeof b->exam, "%s", exam);
    b->dirty = 1;
    pthread_cond_signal(&s->wake);
  } else if (b && b->valid && s->state.connected) {
    /* Insert each central row not already shown locally, in order. */
    for (int i = 0; i < b->count; i++) {
      const qk_store_leader *c = &b->rows[i];
      int dup = 0;
      for (int j = 0; j < *count && c->session_id && !dup; j++) dup = rows[j].session_id == c->session_id;
      if (dup) continue;
      int at = *count;
      while (at > 0 && leader_before(c, &rows[at - 1])) at--;
      if (at >= n) continue;
      int keep = *count < n ? *count : n - 1;
      memmove(&rows[at + 1], &rows[at], (size_t)(keep - at) * sizeof *rows);
      rows[at] = *c;
      if (*count < n) (*count)++;
    }
    used = 1;
  }
  pthread_mutex_unlock(&s->mu);
  return used;
}

/* ---- question sets -------------------------------------------------------- */

/* Fetches and checks a newer question set (this thread; seconds at most),
** then offers it to the UI. -1 when the connection failed. */
static int pull_bundle(qk_sync *s, PGconn *c) {
  qk_pull_cfg cfg = {s->pull_app, s->pull_root, s->validator};
  qk_pull_result *r = malloc(sizeof *r);
  if (!r) return 0;
  int rc = qk_pull_check(&cfg, c, s->bundle_seen, r);
  if (!rc && r->version > s->bundle_seen) {
    pthread_mutex_lock(&s->mu);
    s->bundle_seen = r->version;
    if (r->ready) {
      s->ready_version = r->version;
      snprintf(s->ready_hash, sizeof s->ready_hash, "%s", r->hash);
      snprintf(s->ready_dir, sizeof s->ready_dir, "%s", r->dir);
      s->bundle_error[0] = 0;
    } else snprintf(s->bundle_error, sizeof s->bundle_error, "%s", r->error);
    pthread_mutex_unlock(&s->mu);
    s->contact_now = 1; /* fleet status hears of it at once */
  }
  free(r);
  return rc == 0 || PQstatus(c) == CONNECTION_OK ? 0 : -1;
}

int qk_sync_bundle_take(qk_sync *s, char *dir, size_t len) {
  if (!s) return 0;
  int taken = 0;
  pthread_mutex_lock(&s->mu);
  if (s->ready_version) {
    snprintf(dir, len, "%s", s->ready_dir);
    snprintf(s->running, sizeof s->running, "%s v%d %.12s", s->pull_app, s->ready_version, s->ready_hash);
    s->ready_version = 0;
    s->contact_now = 1; /* fleet status hears of the switch at once */
    taken = 1;
  }
  pthread_mutex_unlock(&s->mu);
  return taken;
}

/* ---- the loop ------------------------------------------------------------- */

/* What the kiosk reports about its question set with each contact: copied
** from the fields the kiosk's thread sets (under the lock) into the
** caller's buffers, which who then points at. */
static void who_bundle(qk_sync *s, qk_central_contact *who, char running[160], char refused[512]) {
  pthread_mutex_lock(&s->mu);
  snprintf(running, 160, "%s", s->running);
  snprintf(refused, 512, "%s", s->bundle_error);
  pthread_mutex_unlock(&s->mu);
  who->bundle = running[0] ? running : NULL;
  who->bundle_error = refused[0] ? refused : NULL;
}

static void *run(void *arg) {
  qk_sync *s = arg;
  qk_store *st = NULL;
  PGconn *c = NULL;
  char err[512];
  int backoff = BACKOFF_FIRST_MS;
  int64_t last_contact = 0, last_bundle_check = 0;
  qk_central_contact who = {s->kiosk, s->software, NULL, NULL};
  while (!s->stop) {
    if (!st && qk_store_open(s->db_path, &st, err, sizeof err) != QK_STORE_OK) {
      st = NULL;
      set_error(s, 0, err);
      nap(s, BACKOFF_MAX_MS);
      continue;
    }
    if (!c) {
      count_outbox(s, st); /* what waits, and what was refused, shows while offline too */
      c = qk_central_connect(s->conninfo, &s->stop, err, sizeof err);
      PGresult *lr = c ? PQexec(c, "LISTEN fleet_board; LISTEN fleet_bundle") : NULL;
      int listening = PQresultStatus(lr) == PGRES_COMMAND_OK;
      if (c && !listening) qk_central_err(err, sizeof err, "LISTEN: %s", PQresultErrorMessage(lr));
      PQclear(lr);
      if (!listening) {
        PQfinish(c);
        c = NULL;
        set_error(s, 0, err);
        nap(s, backoff);
        backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
        continue;
      }
      backoff = BACKOFF_FIRST_MS;
      set_error(s, 1, NULL);
      mark_dirty(s, NULL); /* missed notifications while away: re-read all */
      s->bundle_check = 1;
      last_contact = 0;
    }
    int64_t backlog = count_outbox(s, st);
    char running[160], refused[512];
    who_bundle(s, &who, running, refused);
    if (backlog > 0 || s->contact_now || wall_ms() - last_contact > HEARTBEAT_MS) {
      s->contact_now = 0;
      int taken = 0, set_aside = 0;
      /* Marks what the server committed; sets aside what it refused for
      ** its content (central.h) and goes on with the rest. */
      int rc = qk_central_push_batch(c, st, s->batch, &who, &taken, &set_aside, err, sizeof err);
      pthread_mutex_lock(&s->mu);
      s->state.sent_total += taken;
      pthread_mutex_unlock(&s->mu);
      if (set_aside) s->contact_now = 1; /* settling skipped the contact */
      if (rc) {
        PQfinish(c);
        c = NULL;
        if (rc == -2) {
          qk_store_close(st); /* reopened next round */
          st = NULL;
        }
        set_error(s, 0, err);
        nap(s, backoff);
        backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
        continue;
      }
      last_contact = wall_ms();
      backlog = count_outbox(s, st);
      pthread_mutex_lock(&s->mu);
      s->state.last_contact_ms = last_contact;
      pthread_mutex_unlock(&s->mu);
      if (backlog > 0 || s->contact_now) continue; /* more to send: no nap */
    }
    if (refresh_boards(s, c, st) != 0) {
      PQfinish(c);
      c = NULL;
      set_error(s, 0, "connection lost reading the leaderboard");
      continue;
    }
    if (s->pull_app && (s->bundle_check || wall_ms() - last_bundle_check > HEARTBEAT_MS)) {
      s->bundle_check = 0;
      last_bundle_check = wall_ms();
      if (pull_bundle(s, c) != 0) {
        PQfinish(c);
        c = NULL;
        set_error(s, 0, "connection lost fetching the question set");
        continue;
      }
    }
    /* Idle: wait for a notification or the next look at the outbox. */
    struct pollfd p = {PQsocket(c), POLLIN, 0};
    if (poll(&p, 1, IDLE_POLL_MS) > 0) {
      if (!PQconsumeInput(c)) {
        qk_central_err(err, sizeof err, "%s", PQerrorMessage(c));
        PQfinish(c);
        c = NULL;
        set_error(s, 0, err);
        continue;
      }
      PGnotify *n;
      while ((n = PQnotifies(c))) {
        if (!strcmp(n->relname, "fleet_bundle")) s->bundle_check = 1;
        else mark_dirty(s, n->extra);
        PQfreemem(n);
      }
    }
  }
  /* Stopping (the kiosk is shutting down, on the way out, not while a
  ** candidate waits): what is queued goes now if the server is there, for
  ** at most FLUSH_MS, so a planned shutdown leaves nothing behind; what is
  ** left goes at the next start. */
  int64_t until = wall_ms() + FLUSH_MS;
  char running[160], refused[512];
  who_bundle(s, &who, running, refused);
  while (c && st && wall_ms() < until) {
    int taken = 0, set_aside = 0;
    if (qk_central_push_batch(c, st, s->batch, &who, &taken, &set_aside, err, sizeof err) != 0 ||
        (!taken && !set_aside))
      break;
  }
  PQfinish(c);
  qk_store_close(st);
  return NULL;
}

static char *dup_str(const char *v) { return strdup(v ? v : ""); }

/* Frees what qk_sync_start copied (its thread is not running). */
static void free_sync(qk_sync *s) {
  free(s->conninfo);
  free(s->db_path);
  free(s->kiosk);
  free(s->software);
  free(s->pull_app);
  free(s->pull_root);
  free(s->validator);
  free(s);
}

qk_sync *qk_sync_start(const qk_sync_config *cfg, char *err, size_t errlen) {
  char *conninfo = NULL;
  if (!cfg || !cfg->db_path || !cfg->kiosk_id) {
    qk_central_err(err, errlen, "sync: no database or kiosk id");
    return NULL;
  }
  if (qk_sync_conninfo(cfg->url, cfg->passfile, &conninfo, err, errlen) != 0) return NULL;
  qk_sync *s = calloc(1, sizeof *s);
  if (!s) {
    free(conninfo);
    qk_central_err(err, errlen, "out of memory");
    return NULL;
  }
  s->conninfo = conninfo;
  s->db_path = dup_str(cfg->db_path);
  s->kiosk = dup_str(cfg->kiosk_id);
  s->software = dup_str(cfg->software);
  s->batch = cfg->batch > 0 ? cfg->batch : 200;
  if (cfg->app && *cfg->app && cfg->bundles_dir && *cfg->bundles_dir) {
    s->pull_app = dup_str(cfg->app);
    s->pull_root = dup_str(cfg->bundles_dir);
    s->validator = dup_str(cfg->validator && *cfg->validator ? cfg->validator : "/proc/self/exe");
  }
  snprintf(s->state.error, sizeof s->state.error, "not connected yet");
  int ok = s->db_path && s->kiosk && s->software && !pthread_mutex_init(&s->mu, NULL);
  if (ok && pthread_cond_init(&s->wake, NULL)) {
    pthread_mutex_destroy(&s->mu);
    ok = 0;
  }
  if (ok && pthread_create(&s->thread, NULL, run, s)) {
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->mu);
    ok = 0;
  }
  if (!ok) {
    qk_central_err(err, errlen, "sync: cannot start its thread");
    free_sync(s);
    return NULL;
  }
  return s;
}

void qk_sync_stop(qk_sync *s) {
  if (!s) return;
  pthread_mutex_lock(&s->mu);
  s->stop = 1;
  pthread_cond_signal(&s->wake);
  pthread_mutex_unlock(&s->mu);
  pthread_join(s->thread, NULL);
  pthread_cond_destroy(&s->wake);
  pthread_mutex_destroy(&s->mu);
  free_sync(s);
}

void qk_sync_get_state(qk_sync *s, qk_sync_state *out) {
  memset(out, 0, sizeof *out);
  if (!s) return;
  pthread_mutex_lock(&s->mu);
  *out = s->state;
  snprintf(out->bundle, sizeof out->bundle, "%s", s->running);
  snprintf(out->bundle_error, sizeof out->bundle_error, "%s", s->bundle_error);
  pthread_mutex_unlock(&s->mu);
}
