/*
** sync_module.h — the fleet (runtime/sync: the worker, the central board,
** what the fleet commands do) as a loadable module, QK_SYNC_MODULE_FILE.
** libpq and what it pulls in (libssl, libcrypto, Kerberos, LDAP, SASL,
** GnuTLS...) are mapped only by a kiosk with a sync server configured and
** by the fleet commands when they run; sync_load.h loads it.
**
** The module exports one symbol, QK_SYNC_MODULE_SYMBOL: a const
** qk_sync_module whose abi is QK_SYNC_MODULE_ABI. A loader refuses any other
** abi (a module from another build). Add entries at the end and bump the
** abi when an entry or a struct they take (sync.h, store.h, args.h) changes.
*/
#ifndef QK_SYNC_MODULE_H
#define QK_SYNC_MODULE_H

#include "args.h"
#include "sync.h"

#define QK_SYNC_MODULE_ABI 2 /* 2: qk_sync_state counts refused records */
#define QK_SYNC_MODULE_SYMBOL "qk_sync_module_v1"

typedef struct {
  int abi; /* QK_SYNC_MODULE_ABI */
  /* The running kiosk's worker (sync.h). */
  qk_sync *(*for_kiosk)(qk_store *st, const char *db_path, const char *url_option, const char *kiosk_id,
                        const char *app_name, char *err, size_t errlen);
  void (*stop)(qk_sync *s);
  void (*get_state)(qk_sync *s, qk_sync_state *out);
  int (*bundle_take)(qk_sync *s, char *dir, size_t len);
  int (*board_merge)(qk_sync *s, const char *app, const char *exam, int n, qk_store_leader *rows, int *count);
  /* The fleet commands' run functions (fleet_cli.c; declared in fleet_cmds.c). */
  int (*run_sync)(const qk_args *a);
  int (*run_init)(const qk_args *a);
  int (*run_status)(const qk_args *a);
  int (*run_import)(const qk_args *a);
  int (*run_publish)(const qk_args *a);
  int (*run_export_pg)(const qk_args *a);
} qk_sync_module;

/* fleet_cli.c, in the module. */
int qk_fleet_run_sync(const qk_args *a);
int qk_fleet_run_init(const qk_args *a);
int qk_fleet_run_status(const qk_args *a);
int qk_fleet_run_import(const qk_args *a);
int qk_fleet_run_publish(const qk_args *a);
int qk_fleet_run_export_pg(const qk_args *a);

#endif
