/*
** kiosk_hook.c — how a running kiosk decides whether to sync: the server
** comes from --sync URL, else the sync_url setting; the password file from
** the sync_passfile setting (mode 0600, this user's). No server: no
** thread, nothing changes. In the fleet module: the program's sync_load.c
** makes the same no-server test first, so a kiosk with no server never
** loads the module.
*/
#include "central.h"

#include <stdio.h>
#include <string.h>

#ifndef QK_VERSION
#define QK_VERSION "0.0.0"
#endif

qk_sync *qk_sync_for_kiosk(qk_store *st, const char *db_path, const char *url_option,
                           const char *kiosk_id, const char *app_name, char *err, size_t errlen) {
  char url[1024] = "", passfile[1024] = "", bundles[4200];
  if (err && errlen) err[0] = 0;
  if (!st || !db_path) return NULL;
  if (url_option && *url_option) snprintf(url, sizeof url, "%s", url_option);
  else if (qk_store_setting_get(st, "sync_url", url, sizeof url) != QK_STORE_OK) url[0] = 0;
  if (!url[0]) return NULL;
  if (qk_store_setting_get(st, "sync_passfile", passfile, sizeof passfile) != QK_STORE_OK) passfile[0] = 0;
  /* Published question sets go beside the database: <folder>/bundles. */
  const char *slash = strrchr(db_path, '/');
  snprintf(bundles, sizeof bundles, "%.*sbundles", slash ? (int)(slash - db_path + 1) : 0, db_path);
  qk_sync_config cfg = {.url = url, .passfile = passfile[0] ? passfile : NULL, .db_path = db_path,
                        .kiosk_id = kiosk_id, .software = QK_VERSION, .app = app_name,
                        .bundles_dir = bundles, .validator = "/proc/self/exe"};
  return qk_sync_start(&cfg, err, errlen);
}
