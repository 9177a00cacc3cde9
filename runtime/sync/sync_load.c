/*
** sync_load.c — see sync_load.h. The one module loader
** (runtime/base/module.h) finds, loads and checks the module.
*/
#include "sync_load.h"

#include <stdio.h>
#include <string.h>

#include "module.h"

#ifndef QK_SYNC_MODULE_FILE
#define QK_SYNC_MODULE_FILE "quizkiosk-sync.so"
#endif

/* Why the kiosk's worker could not be started for want of the module ("" =
** it was not needed, or it loaded): the staff screen's error. */
static char kiosk_why[2048];

const qk_sync_module *qk_sync_module_load(char *why, size_t whylen) {
  return qk_module_load(QK_SYNC_MODULE_FILE, QK_SYNC_MODULE_SYMBOL, QK_SYNC_MODULE_ABI, "fleet", why, whylen);
}

qk_sync *qk_sync_for_kiosk(qk_store *st, const char *db_path, const char *url_option, const char *kiosk_id,
                           const char *app_name, char *err, size_t errlen) {
  char url[1024] = "";
  if (err && errlen) err[0] = 0;
  if (!st || !db_path) return NULL;
  /* The same test as the module's (kiosk_hook.c), made here so a kiosk
  ** with no server never loads it. */
  if (!(url_option && *url_option) &&
      (qk_store_setting_get(st, "sync_url", url, sizeof url) != QK_STORE_OK || !url[0]))
    return NULL;
  char why[1900];
  const qk_sync_module *m = qk_sync_module_load(why, sizeof why);
  if (!m) {
    snprintf(kiosk_why, sizeof kiosk_why, "a sync server is configured, but %s", why);
    if (err && errlen) snprintf(err, errlen, "%s", kiosk_why);
    return NULL;
  }
  return m->for_kiosk(st, db_path, url_option, kiosk_id, app_name, err, errlen);
}

/* A non-NULL qk_sync exists only when the module is loaded, so the calls
** on one find the table already loaded (a cached lookup, no disk). */
static const qk_sync_module *loaded(void) {
  char why[8];
  return qk_sync_module_load(why, sizeof why);
}

void qk_sync_stop(qk_sync *s) {
  if (s) loaded()->stop(s);
}

void qk_sync_get_state(qk_sync *s, qk_sync_state *out) {
  if (s) {
    loaded()->get_state(s, out);
    return;
  }
  memset(out, 0, sizeof *out);
  snprintf(out->error, sizeof out->error, "%s", kiosk_why);
}

int qk_sync_bundle_take(qk_sync *s, char *dir, size_t len) { return s ? loaded()->bundle_take(s, dir, len) : 0; }

int qk_sync_board_merge(qk_sync *s, const char *app, const char *exam, int n, qk_store_leader *rows, int *count) {
  return s ? loaded()->board_merge(s, app, exam, n, rows, count) : 0; /* no worker: the local board stands */
}
