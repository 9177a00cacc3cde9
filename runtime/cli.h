/*
** cli.h — the quizkiosk command: its table of commands (cli.c) for the one
** parser (runtime/base/args.h, which says how to add a command), and the
** commands that run the kiosk runtime (main.c): the kiosk itself, rescore
** and replay-session. The store's commands are declared in store_cli.h.
*/
#ifndef QK_CLI_H
#define QK_CLI_H

#include "args.h"

extern const qk_command qk_cmd_kiosk;          /* quizkiosk [APP_DIR] [options] */
extern const qk_command qk_cmd_rescore;        /* quizkiosk rescore */
extern const qk_command qk_cmd_replay_session; /* quizkiosk replay-session */

/* Every command of the program, the kiosk first; NULL-terminated. */
extern const qk_command *const qk_cli_commands[];

/* argv as main() got it. Returns the process exit code. */
int qk_cli_main(int argc, char **argv);

#endif
