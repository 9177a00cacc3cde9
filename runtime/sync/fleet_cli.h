/*
** fleet_cli.h — the fleet's commands, declared for the one argument parser
** (runtime/base/args.h) in fleet_cmds.c, in the program; what they do on
** the server is the fleet module's (sync_module.h), loaded when one runs.
** runtime/cli.c lists them. Exit codes: 0 ok,
** 1 failure (message on stderr), 2 usage.
*/
#ifndef QK_FLEET_CLI_H
#define QK_FLEET_CLI_H

#include "args.h"

extern const qk_command qk_cmd_sync;         /* quizkiosk sync --db FILE --pg URL */
extern const qk_command qk_cmd_fleet_init;   /* quizkiosk fleet init --pg URL */
extern const qk_command qk_cmd_fleet_status; /* quizkiosk fleet status --pg URL */
extern const qk_command qk_cmd_fleet_import; /* quizkiosk fleet import BUNDLE --pg URL */
extern const qk_command qk_cmd_fleet_refused; /* quizkiosk fleet refused --db FILE */
extern const qk_command qk_cmd_fleet_resend;  /* quizkiosk fleet resend --db FILE */
extern const qk_command qk_cmd_publish;      /* quizkiosk publish APP_DIR --pg URL */
/* quizkiosk export: a kiosk's results (the store's export), the fleet's
** (--pg), or a kiosk's outbox as a bundle (--bundle). */
extern const qk_command qk_cmd_export;

#endif
