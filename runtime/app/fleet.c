/*
** fleet.c — the kiosk's side of the fleet (runtime/sync): starting and
** stopping the sync worker, and switching to a question set published
** centrally. The worker runs on its own thread and connection (and reopens
** its own store after a failure), so nothing here waits on the network.
*/
#include "app_int.h"

#include <stdio.h>

#include "sync.h"

/* A published set waits for a kiosk that has been quiet this long. */
#define FLEET_QUIET_MS 60000

void app_fleet_start(qk_app *a) {
  char err[512] = "";
  if (a->sync || a->opt.tool || !a->store) return; /* tools never sync */
  a->sync = qk_sync_for_kiosk(a->store, a->opt.db_path, a->opt.sync_url, a->kiosk_id, a->app_name, err, sizeof err);
  if (!a->sync && err[0]) qk_log_write(a->log, QK_LOG_WARN, "fleet sync off: %s", err);
}

void app_fleet_input(qk_app *a) { a->fleet_input_at = app_now(a); }

/* A question set published centrally, already fetched and checked by the
** sync thread, replaces the app's folder only between candidates: no
** session of this kiosk in progress and no input for FLEET_QUIET_MS. A
** candidate mid-exam keeps the version they started on. */
void app_fleet_switch(qk_app *a) {
  char dir[4400];
  qk_store_resume r;
  if (!a->sync || a->opt.tool || a->staff || a->state != STATE_RUNNING || !a->store ||
      app_now(a) < a->fleet_input_at + FLEET_QUIET_MS)
    return;
  int rc = qk_store_find_resumable(a->store, a->kiosk_id, NULL, app_wall_ms(a), a->resume_window_ms, &r);
  if (rc == QK_STORE_OK) qk_store_resume_free(&r);
  if (rc != QK_STORE_NOTFOUND || !qk_sync_bundle_take(a->sync, dir, sizeof dir)) return;
  snprintf(a->app_dir, sizeof a->app_dir, "%s", dir);
  qk_log_write(a->log, QK_LOG_INFO, "fleet: switching to the published question set in %s", dir);
  app_start(a);
}

void app_fleet_stop(qk_app *a) {
  qk_sync_stop(a->sync); /* sends what is left for a few seconds when connected */
  a->sync = NULL;
}
