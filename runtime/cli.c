/*
** cli.c — the program's table of commands: one line each. The parser, the
** usage text and every command's --help come from these declarations
** (runtime/base/args.h says how to write one).
*/
#include "cli.h"

#include "fleet_cli.h"
#include "store_cli.h"
#include "tool.h"

const qk_command *const qk_cli_commands[] = {
  &qk_cmd_kiosk,
  &qk_cmd_export,
  &qk_store_cmd_stats,
  &qk_store_cmd_purge,
  &qk_store_cmd_set_pin,
  &qk_store_cmd_backup,
  &qk_store_cmd_prize_list,
  &qk_store_cmd_prize_check,
  &qk_store_cmd_prize_redeem,
  &qk_cmd_rescore,
  &qk_cmd_replay_session,
  &qk_cmd_import,
  &qk_cmd_new,
  &qk_cmd_check,
  &qk_cmd_sync,
  &qk_cmd_fleet_init,
  &qk_cmd_fleet_status,
  &qk_cmd_fleet_import,
  &qk_cmd_fleet_refused,
  &qk_cmd_fleet_resend,
  &qk_cmd_publish,
  NULL,
};

int qk_cli_main(int argc, char **argv) {
  return qk_args_dispatch(qk_cli_commands, "quizkiosk", argc > 0 ? argc - 1 : 0, argc > 0 ? argv + 1 : argv);
}
