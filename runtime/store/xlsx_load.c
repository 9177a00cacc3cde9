/*
** xlsx_load.c — qk_store_export_xlsx (store.h) through the Excel module
** (xlsx_module.h), loaded the first time a workbook is asked for. Without
** the module the export fails with the reason; nothing else changes.
*/
#include "store_int.h"
#include "xlsx_module.h"

#include "module.h"

#ifndef QK_XLSX_MODULE_FILE
#define QK_XLSX_MODULE_FILE "quizkiosk-xlsx.so"
#endif

int qk_store_export_xlsx(qk_store *s, const char *path, qk_ms since_ms) {
  char why[2048];
  const qk_xlsx_module *m =
    qk_module_load(QK_XLSX_MODULE_FILE, QK_XLSX_MODULE_SYMBOL, QK_XLSX_MODULE_ABI, "Excel export", why, sizeof why);
  if (!m) return qk_store_fail(s, QK_STORE_ERROR, "export: no Excel workbook: %s", why);
  return m->export_xlsx(s, path, since_ms);
}
