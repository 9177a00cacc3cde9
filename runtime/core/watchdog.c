/*
** watchdog.c — see watchdog.h.
*/
#include "watchdog.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

struct qk_watchdog {
  int timeout_ms;
  _Atomic int64_t last_kick;     /* monotonic ms; 0 = not yet (start-up allowance) */
  int64_t started;               /* monotonic ms */
  pthread_t thread;
  int have_thread;
  pthread_mutex_t mu;            /* guards stop, note */
  pthread_cond_t cv;             /* wakes the thread to stop */
  int stop;
  char note[96];
  /* systemd: only the main loop's thread touches these */
  int sd_notify_on;              /* NOTIFY_SOCKET is set */
  int64_t sd_interval_ms;        /* WATCHDOG_USEC / 1000, 0 = no systemd watchdog */
  int64_t sd_last;               /* when WATCHDOG=1 was last sent */
  int sd_ready;                  /* READY=1 sent */
};

static int64_t mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The loop has not come round: say so and end the process. Only
** async-signal-safe calls after formatting: the frozen thread may hold any
** lock (malloc's, stdio's), so no stdio, no exit handlers. */
static void fire(qk_watchdog *w, int64_t stalled_ms, int starting) {
  char note[sizeof w->note], line[400];
  pthread_mutex_lock(&w->mu);
  memcpy(note, w->note, sizeof note);
  pthread_mutex_unlock(&w->mu);
  int n = snprintf(line, sizeof line,
                   "quizkiosk: watchdog: the main loop has not come round for %lld.%01lld s%s%s%s "
                   "(stuck in C code or in a script the time limit cannot stop); "
                   "ending the process with status %d so it restarts\n",
                   (long long)(stalled_ms / 1000), (long long)(stalled_ms % 1000 / 100),
                   starting ? " since start-up" : "", note[0] ? " in " : "", note, QK_EXIT_WATCHDOG);
  if (n > 0) {
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    ssize_t wr = write(2, line, len);
    (void)wr; /* nothing more can be done if stderr is gone */
  }
  _exit(QK_EXIT_WATCHDOG);
}

static void *watch(void *arg) {
  qk_watchdog *w = arg;
  const int64_t startup = w->timeout_ms > QK_WATCHDOG_STARTUP_MS ? w->timeout_ms : QK_WATCHDOG_STARTUP_MS;
  pthread_mutex_lock(&w->mu);
  while (!w->stop) {
    int64_t now = mono_ms(), last = atomic_load(&w->last_kick);
    int64_t due = last ? last + w->timeout_ms : w->started + startup;
    if (now >= due) {
      pthread_mutex_unlock(&w->mu);
      fire(w, now - (last ? last : w->started), !last);
    }
    /* Sleep until the deadline as it stands; a kick meanwhile moves it,
    ** which the next round sees. Within the start-up allowance, wake each
    ** timeout: once kicks begin, the timeout counts from the last one. */
    if (!last && due > now + w->timeout_ms) due = now + w->timeout_ms;
    struct timespec until = {.tv_sec = (time_t)(due / 1000), .tv_nsec = (long)(due % 1000) * 1000000};
    int rc = pthread_cond_timedwait(&w->cv, &w->mu, &until);
    if (rc != 0 && rc != ETIMEDOUT && rc != EINTR) break; /* cannot wait: stop watching rather than spin */
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

qk_watchdog *qk_watchdog_start(int timeout_ms, char *err, size_t errlen) {
  qk_watchdog *w = calloc(1, sizeof *w);
  if (!w) {
    snprintf(err, errlen, "watchdog: out of memory");
    return NULL;
  }
  w->timeout_ms = timeout_ms > 0 ? timeout_ms : 0;
  w->started = mono_ms();
  atomic_init(&w->last_kick, 0);
  const char *sock = getenv("NOTIFY_SOCKET");
  w->sd_notify_on = sock && *sock;
  uint64_t usec = 0;
  /* unset_environment 0: a child the kiosk starts (none today) would see it too */
  if (w->sd_notify_on && sd_watchdog_enabled(0, &usec) > 0) w->sd_interval_ms = (int64_t)(usec / 1000);
  if (pthread_mutex_init(&w->mu, NULL) != 0) {
    snprintf(err, errlen, "watchdog: cannot create a mutex");
    free(w);
    return NULL;
  }
  pthread_condattr_t ca;
  int ok = pthread_condattr_init(&ca) == 0;
  if (ok) {
    ok = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0 && pthread_cond_init(&w->cv, &ca) == 0;
    pthread_condattr_destroy(&ca);
  }
  if (!ok) {
    snprintf(err, errlen, "watchdog: cannot create a condition variable");
    pthread_mutex_destroy(&w->mu);
    free(w);
    return NULL;
  }
  if (w->timeout_ms > 0) {
    int rc = pthread_create(&w->thread, NULL, watch, w);
    if (rc != 0) {
      snprintf(err, errlen, "watchdog: cannot start its thread: %s", strerror(rc));
      pthread_cond_destroy(&w->cv);
      pthread_mutex_destroy(&w->mu);
      free(w);
      return NULL;
    }
    w->have_thread = 1;
  }
  return w;
}

void qk_watchdog_stop(qk_watchdog *w) {
  if (!w) return;
  if (w->have_thread) {
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
  }
  if (w->sd_notify_on) sd_notify(0, "STOPPING=1");
  pthread_cond_destroy(&w->cv);
  pthread_mutex_destroy(&w->mu);
  free(w);
}

void qk_watchdog_kick(qk_watchdog *w) {
  if (!w) return;
  int64_t now = mono_ms();
  atomic_store(&w->last_kick, now);
  if (!w->sd_notify_on) return;
  /* A failed notify is not worth stopping for: systemd's own watchdog then
  ** restarts the kiosk, which is the safe side. */
  if (!w->sd_ready) {
    w->sd_ready = 1;
    w->sd_last = now;
    sd_notify(0, w->sd_interval_ms ? "READY=1\nWATCHDOG=1" : "READY=1");
  } else if (w->sd_interval_ms && now - w->sd_last >= w->sd_interval_ms / 2) {
    w->sd_last = now;
    sd_notify(0, "WATCHDOG=1");
  }
}

void qk_watchdog_note(qk_watchdog *w, const char *what) {
  if (!w) return;
  pthread_mutex_lock(&w->mu);
  snprintf(w->note, sizeof w->note, "%s", what ? what : "");
  pthread_mutex_unlock(&w->mu);
}

int qk_watchdog_cap_wait(const qk_watchdog *w, int wait_ms) {
  if (!w) return wait_ms;
  int64_t cap = INT32_MAX;
  if (w->timeout_ms > 0) cap = w->timeout_ms / 3;
  if (w->sd_interval_ms > 0 && w->sd_interval_ms / 3 < cap) cap = w->sd_interval_ms / 3;
  if (cap == INT32_MAX) return wait_ms; /* nothing watching */
  if (cap < 1) cap = 1;
  if (wait_ms < 0 || wait_ms > cap) return (int)cap;
  return wait_ms;
}
