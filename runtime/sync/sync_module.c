/*
** sync_module.c — the fleet module's one exported symbol (sync_module.h):
** the table through which the program reaches the worker and the fleet
** commands.
*/
#include "sync_module.h"

__attribute__((visibility("default"))) const qk_sync_module qk_sync_module_v1 = {
  .abi = QK_SYNC_MODULE_ABI,
  .for_kiosk = qk_sync_for_kiosk,
  .stop = qk_sync_stop,
  .get_state = qk_sync_get_state,
  .bundle_take = qk_sync_bundle_take,
  .board_merge = qk_sync_board_merge,
  .run_sync = qk_fleet_run_sync,
  .run_init = qk_fleet_run_init,
  .run_status = qk_fleet_run_status,
  .run_import = qk_fleet_run_import,
  .run_publish = qk_fleet_run_publish,
  .run_export_pg = qk_fleet_run_export_pg,
};
