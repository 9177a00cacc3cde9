/*
** loop.c — the main loop. It sleeps in the platform's wait until something
** can change the screen: input, the next timer, the next animation frame,
** the end of the error screen, or a debounced file change; then it hands
** events to the app, runs what is due and draws one frame if anything
** changed. Replays and tools drive the same pieces on a virtual clock
** (vclock.c).
*/
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app_int.h"
#include "watchdog.h"

#define RELOAD_DEBOUNCE_MS 200

/* ---- drawing ---- */

int app_render(qk_app *a, const char *shot, char *err, size_t errlen) {
  a->frame_no++;
  qk_draw_begin(a->draw);
  if (a->state == STATE_RUNNING && a->host) {
    qk_draw_clear(a->draw, (qk_color){255, 255, 255, 255});
    app_batch_open(a);
    app_checked(a, qk_host_draw(a->host));
    if (a->state == STATE_ERROR) qk_draw_begin(a->draw); /* drop the half-drawn frame's record */
  }
  if (a->state != STATE_RUNNING) app_draw_error_screen(a);
  int rc = 0;
  qk_draw_end(a->draw); /* draws what changed since the last frame */
  if (shot) rc = qk_plat_screenshot(a->plat, shot, err, errlen);
  qk_draw_present(a->draw);
  int slot = (int)(a->frame_no % PRESENT_RING);
  a->present_frame[slot] = a->frame_no;
  a->present_time[slot] = app_now(a);
  a->dirty = 0;
  if (a->frame_no == 1 && a->bench) { /* bench/startup waits for this line */
    /* with the CPU time of all the process's threads so far (ms), ended ones included */
    struct timespec cpu = {0, 0};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    printf("first-frame %.2f\n", (double)cpu.tv_sec * 1e3 + (double)cpu.tv_nsec / 1e6);
    fflush(stdout);
    if (a->bench == 2) _exit(0); /* a measurement, not a kiosk: nothing to save or close */
  }
  return rc;
}

/* ---- input ---- */

static const char *event_name(qk_event_type t) {
  switch (t) {
  case QK_EV_PRESS: return "press";
  case QK_EV_MOVE: return "move";
  case QK_EV_RELEASE: return "release";
  case QK_EV_WHEEL: return "wheel";
  case QK_EV_KEY: return "key";
  case QK_EV_TEXT: return "text";
  case QK_EV_EDIT: return "edit";
  case QK_EV_RESIZE: return "resize";
  default: return NULL;
  }
}

void app_handle_event(qk_app *a, const qk_event *ev) {
  switch (ev->type) {
  case QK_EV_STOP: /* systemctl stop, the supervisor, Ctrl+C: a clean exit (the store closes) */
    qk_log_write(a->log, QK_LOG_INFO, "stop requested by a signal");
    a->quit = 1;
    return;
  case QK_EV_QUIT:
    if (a->opt.fullscreen) qk_log_write(a->log, QK_LOG_WARN, "quit request ignored (kiosk mode: use the admin screen)");
    else a->quit = 1;
    return;
  case QK_EV_RELOAD:
    a->reload_at = app_now(a) + RELOAD_DEBOUNCE_MS;
    return;
  case QK_EV_EXPOSE:
  case QK_EV_WAKE:
    a->dirty = 1;
    return;
  case QK_EV_RESIZE:
    qk_draw_update_view(a->draw);
    qk_text_flush(a->text); /* new scale: new pixel sizes */
    a->dirty = 1;
    break;
  case QK_EV_KEY:
    if (!a->opt.fullscreen && strcmp(ev->key, "F5") == 0) {
      a->reload_at = app_now(a);
      return;
    }
    break;
  default: break;
  }
  app_staff_gesture_event(a, ev); /* the hidden way to the staff screen (staff.c) */
  if (ev->type == QK_EV_PRESS) a->pointers_down++;
  if (ev->type == QK_EV_PRESS || ev->type == QK_EV_KEY || ev->type == QK_EV_TEXT) app_fleet_input(a);
  if (ev->type == QK_EV_RELEASE && a->pointers_down > 0) a->pointers_down--;
  if (ev->type == QK_EV_PRESS || ev->type == QK_EV_RELEASE || ev->type == QK_EV_KEY || ev->type == QK_EV_TEXT ||
      ev->type == QK_EV_EDIT || ev->type == QK_EV_WHEEL || (ev->type == QK_EV_MOVE && a->pointers_down > 0))
    a->dirty = 1;

  if (a->state != STATE_RUNNING) {
    if (ev->type == QK_EV_RELEASE || (ev->type == QK_EV_KEY && !ev->repeat)) a->error_until = app_now(a);
    return;
  }
  const char *name = event_name(ev->type);
  if (!name || !a->host) return;
  float s = qk_draw_view(a->draw)->scale;
  qk_host_input he = {
    .type = name, .pointer = ev->pointer, .t = ev->time_ms, .mods = ev->mods,
    .key = ev->type == QK_EV_KEY ? ev->key : NULL,
    .text = (ev->type == QK_EV_TEXT || ev->type == QK_EV_EDIT) ? ev->text : NULL,
  };
  if (ev->type == QK_EV_WHEEL) {
    he.x = ev->x;
    he.y = ev->y;
  } else if (ev->type == QK_EV_RESIZE) {
    he.x = qk_draw_view(a->draw)->lw;
    he.y = qk_draw_view(a->draw)->lh;
  } else {
    he.x = ev->x / s;
    he.y = ev->y / s;
  }
  app_batch_open(a);
  app_checked(a, qk_host_event(a->host, &he));
}

/* Timers, animation frames and the error screen's clock. */
void app_tick(qk_app *a) {
  uint64_t now = app_now(a);
  app_staff_gesture_tick(a);
  if (a->state == STATE_RUNNING && a->host && qk_host_next_timer(a->host) <= now) {
    app_batch_open(a);
    app_checked(a, qk_host_run_timers(a->host, now));
    a->dirty = 1;
  }
  if (a->state == STATE_RUNNING && a->host && a->animate_until > a->last_update) {
    double dt = (double)(now - a->last_update);
    a->last_update = now;
    if (dt > 0 || a->animate_until > now) {
      app_batch_open(a);
      app_checked(a, qk_host_update(a->host, dt));
      a->dirty = 1;
    }
  }
  app_apply_pending(a);
}

/* Frame pacing: an animation frame is due FRAME_MS after the last one was
** stepped (the tick sets last_update), not FRAME_MS after the frame's
** drawing ended; drawing time added to the interval made 16 ms of work a
** 32 ms frame. A frame that ran late is due at once. */
static uint64_t next_animation_frame(const qk_app *a, uint64_t now) {
  uint64_t due = a->last_update + FRAME_MS;
  return due > now ? due : now;
}

/* Milliseconds until something is due; -1 = nothing (sleep until input). */
int64_t app_next_deadline(qk_app *a) {
  uint64_t now = app_now(a), next = UINT64_MAX;
  if (a->state == STATE_RUNNING && a->host) {
    uint64_t t = qk_host_next_timer(a->host);
    if (t < next) next = t;
    if (a->animate_until > now) {
      uint64_t f = next_animation_frame(a, now);
      if (f < next) next = f;
    }
  }
  if (a->state != STATE_RUNNING) {
    /* The countdown on the error screen changes each second. */
    uint64_t t = a->error_until < now + 1000 ? a->error_until : now + 1000 - (now - a->error_until % 1000) % 1000;
    if (t < next) next = t;
  }
  if (a->reload_at && a->reload_at < next) next = a->reload_at;
  if (app_staff_gesture_due(a) < next) next = app_staff_gesture_due(a);
  if (next == UINT64_MAX) return -1;
  return next > now ? (int64_t)(next - now) : 0;
}

void app_run_interactive(qk_app *a) {
  while (!a->quit) {
    if (a->dirty) {
      char err[256];
      if (app_render(a, NULL, err, sizeof err) != 0) qk_log_write(a->log, QK_LOG_WARN, "%s", err);
    }
    qk_watchdog_kick(a->opt.watchdog); /* watchdog: the loop came round (the first kick, after the first frame, is READY=1) */
    int64_t wait = app_next_deadline(a);
    qk_event ev;
    int timeout = wait < 0 ? -1 : wait > 60000 ? 60000 : (int)wait;
    timeout = qk_watchdog_cap_wait(a->opt.watchdog, timeout); /* watchdog: an idle kiosk still kicks */
    if (qk_plat_wait_event(a->plat, timeout, &ev)) {
      app_handle_event(a, &ev);
      /* Take everything already queued before drawing once. */
      while (!a->quit && qk_plat_wait_event(a->plat, 0, &ev)) app_handle_event(a, &ev);
    }
    app_tick(a);
    if (a->state != STATE_RUNNING) a->dirty = 1; /* keep the countdown current */
  }
}
