/*
** store_cli.h — the store's subcommands as declarations for the program's
** one command-line parser (args.h): runtime/cli.c puts them in its table.
*/
#ifndef QK_STORE_CLI_H
#define QK_STORE_CLI_H

#include "args.h"

extern const qk_command qk_store_cmd_export;
extern const qk_command qk_store_cmd_stats;
extern const qk_command qk_store_cmd_purge;
extern const qk_command qk_store_cmd_set_pin;
extern const qk_command qk_store_cmd_backup;
/* prize_cli.c: quizkiosk prize list | check CODE | redeem CODE. */
extern const qk_command qk_store_cmd_prize_list;
extern const qk_command qk_store_cmd_prize_check;
extern const qk_command qk_store_cmd_prize_redeem;

#endif
