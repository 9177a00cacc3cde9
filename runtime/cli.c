/*
** cli.c — see cli.h. export, stats, purge and set-pin belong to the store;
** rescore and replay-session need the Lua runtime too.
*/
#include "cli.h"

#include <string.h>

#include "store.h"

int qk_cli_handles(const char *subcommand) { return qk_store_cli_handles(subcommand); }

int qk_cli_run(int argc, char **argv) { return qk_store_cli(argc, argv); }
