/*
** cli.h — the maintenance subcommands (export, stats, purge, set-pin,
** rescore, replay-session): everything the command does besides running a kiosk.
*/
#ifndef QK_CLI_H
#define QK_CLI_H

int qk_cli_handles(const char *subcommand);
/* argv[0] is the subcommand. Returns the process exit code. */
int qk_cli_run(int argc, char **argv);

#endif
