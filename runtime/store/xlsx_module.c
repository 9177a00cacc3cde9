/*
** xlsx_module.c — the Excel module's one exported symbol (xlsx_module.h).
*/
#include "xlsx_module.h"

__attribute__((visibility("default"))) const qk_xlsx_module qk_xlsx_module_v1 = {
  .abi = QK_XLSX_MODULE_ABI,
  .export_xlsx = qk_xlsx_export,
};
