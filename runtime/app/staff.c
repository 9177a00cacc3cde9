/*
** staff.c — the way to the staff screen and back. The hidden gesture is a
** press held ADMIN_HOLD_MS in the top-left ADMIN_CORNER square (logical
** units); it works on the error screens too, so staff can always get in.
** The staff screen is the kiosk library's admin app (scripts/kiosk/admin),
** opened as an app of its own over the one it remembers to return to.
*/
#include <stdio.h>
#include <string.h>

#include "app_int.h"

#define ADMIN_CORNER 90        /* logical units: the top-left square to hold */
#define ADMIN_HOLD_MS 3000     /* how long to hold it */

void app_staff_gesture_event(qk_app *a, const qk_event *ev) {
  if (ev->type != QK_EV_PRESS && ev->type != QK_EV_MOVE && ev->type != QK_EV_RELEASE) return;
  float s = qk_draw_view(a->draw)->scale;
  int in_corner = ev->x / s < ADMIN_CORNER && ev->y / s < ADMIN_CORNER;
  if (ev->type == QK_EV_PRESS && in_corner) a->corner_since = app_now(a);
  else if (ev->type == QK_EV_RELEASE || !in_corner) a->corner_since = 0;
}

uint64_t app_staff_gesture_due(const qk_app *a) {
  return a->corner_since ? a->corner_since + ADMIN_HOLD_MS : UINT64_MAX;
}

/* Opens the staff screen (scripts/kiosk/admin) as an app of its own,
** remembering which app to go back to. */
static void open_admin(qk_app *a) {
  if (strcmp(a->app_name, "admin") == 0) return;
  snprintf(a->return_app_dir, sizeof a->return_app_dir, "%s", a->app_dir);
  snprintf(a->return_app_name, sizeof a->return_app_name, "%s", a->app_name);
  snprintf(a->app_dir, sizeof a->app_dir, "%s/kiosk/admin", a->lib_dir);
  snprintf(a->app_name, sizeof a->app_name, "admin");
  qk_log_write(a->log, QK_LOG_INFO, "admin screen opened");
  a->restart_pending = 1;
}

/* Only with a working store: the staff screen's PIN lives there. */
void app_staff_gesture_tick(qk_app *a) {
  if (!a->corner_since || app_now(a) < a->corner_since + ADMIN_HOLD_MS) return;
  a->corner_since = 0;
  if (a->store) open_admin(a);
}

void app_return_to_app(qk_app *a) {
  if (!a->return_app_dir[0]) return;
  snprintf(a->app_dir, sizeof a->app_dir, "%s", a->return_app_dir);
  snprintf(a->app_name, sizeof a->app_name, "%s", a->return_app_name);
  a->return_app_dir[0] = 0;
  a->restart_pending = 1;
}

void app_reload_app(qk_app *a) {
  app_return_to_app(a);
  a->restart_pending = 1;
}
