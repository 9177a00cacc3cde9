/*
** xlsx_module.h — the Excel export (xlsx.c, on libxlsxwriter) as a loadable
** module, QK_XLSX_MODULE_FILE: only `export --format xlsx` (and the staff
** screen's Excel export) maps libxlsxwriter and its zip library.
** xlsx_load.c defines qk_store_export_xlsx (store.h) by loading it through
** the one module loader (runtime/base/module.h) and calling the table.
**
** The module exports one symbol, QK_XLSX_MODULE_SYMBOL: a const
** qk_xlsx_module whose abi is QK_XLSX_MODULE_ABI; any other abi is refused.
** Bump it when an entry or the store's structs change.
*/
#ifndef QK_XLSX_MODULE_H
#define QK_XLSX_MODULE_H

#include "store.h"

#define QK_XLSX_MODULE_ABI 1
#define QK_XLSX_MODULE_SYMBOL "qk_xlsx_module_v1"

typedef struct {
  int abi; /* QK_XLSX_MODULE_ABI */
  /* qk_store_export_xlsx's contract (store.h). */
  int (*export_xlsx)(qk_store *s, const char *path, qk_ms since_ms);
} qk_xlsx_module;

/* xlsx.c, in the module. */
int qk_xlsx_export(qk_store *s, const char *path, qk_ms since_ms);

#endif
