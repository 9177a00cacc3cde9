/*
** sync_load.h — the program's side of the fleet module (sync_module.h).
** sync_load.c defines the sync.h calls the kiosk makes (qk_sync_for_kiosk,
** qk_sync_stop, qk_sync_get_state, qk_sync_bundle_take,
** qk_sync_board_merge) by forwarding to the module, which it loads only
** when a kiosk has a sync server configured: the program links this
** (qk_sync_client), the module and the fleet's own tests link qk_sync.
**
** With a server configured but the module missing or refused, the kiosk
** runs without sync: qk_sync_for_kiosk returns NULL with the reason (the
** kiosk logs it), and qk_sync_get_state(NULL) reports it as the error the
** staff screen shows. Main thread only (the loader is; module.h).
*/
#ifndef QK_SYNC_LOAD_H
#define QK_SYNC_LOAD_H

#include <stddef.h>

#include "sync_module.h"

/* The module's table, or NULL with the reason in why. */
const qk_sync_module *qk_sync_module_load(char *why, size_t whylen);

#endif
