/*
** vclock.c — the virtual clock that replays and maintenance tools run on.
** It jumps straight to the next deadline (a timer, an animation frame, the
** end of the error screen) instead of sleeping, so an hour of a session
** replays in moments, and it draws only the frames that matter.
*/
#include <stdio.h>

#include "app_int.h"
#include "watchdog.h"

/* Inside a wait, changes that are not a new screen are drawn at most this
** often (virtual ms). */
#define WAIT_FRAME_MS 10000

void app_save_pending_shot(qk_app *a) {
  char path[4400], err[512];
  snprintf(path, sizeof path, "%s/%s.png", a->opt.shots_dir, a->shot_pending);
  a->shot_pending[0] = 0;
  if (app_render(a, path, err, sizeof err) != 0) {
    fprintf(stderr, "quizkiosk: %s\n", err);
    app_tool_done(a, 1);
  }
}

void app_advance_to(qk_app *a, uint64_t target) {
  for (int guard = 0; guard < 10000000 && !a->quit; guard++) {
    qk_watchdog_kick(a->opt.watchdog); /* watchdog: long virtual waits are not a stall */
    int64_t wait = app_next_deadline(a);
    uint64_t next = wait < 0 ? target : a->vnow + (uint64_t)wait;
    if (next > target) next = target;
    if (next < a->vnow) next = a->vnow;
    int animating = a->animate_until > a->vnow;
    a->vnow = next;
    app_tick(a);
    /* A new screen is presented at once, so the time recorded for it
    ** (presented_at, fair answer timing) is right. Other changes inside a
    ** wait — a countdown ticking, an animation — are drawn at most every
    ** WAIT_FRAME_MS of virtual time and at the end: a wait of an hour costs
    ** a few hundred frames, not thousands. */
    if (a->shot_pending[0]) app_save_pending_shot(a);
    if (a->dirty && ((a->new_screen && !animating) || a->vnow >= a->last_wait_frame + WAIT_FRAME_MS)) {
      char err[256];
      app_render(a, NULL, err, sizeof err);
      a->new_screen = 0;
      a->last_wait_frame = a->vnow;
    }
    if (a->vnow >= target) break;
  }
}

void app_settle(qk_app *a) {
  app_advance_to(a, a->vnow);
  if (a->dirty) {
    char err[256];
    app_render(a, NULL, err, sizeof err);
    a->new_screen = 0;
  }
}
