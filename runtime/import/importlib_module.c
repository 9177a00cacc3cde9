/*
** importlib_module.c — the import module's one exported symbol
** (importlib_module.h).
*/
#include "importlib.h"
#include "importlib_module.h"

__attribute__((visibility("default"))) const qk_importlib_module qk_importlib_module_v1 = {
  .abi = QK_IMPORT_MODULE_ABI,
  .open = luaopen_importlib,
};
