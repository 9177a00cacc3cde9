/*
** importlib_module.h — importlib (importlib.h: zip through libzip, XML
** through expat, encodings, .docx text) as a loadable module,
** QK_IMPORT_MODULE_FILE: only `import`, `new` and `check` map libzip, expat
** and what they pull in; tool.c loads it through the one module loader
** (runtime/base/module.h) before it starts the importers' VM. The module
** and the program share the system's one liblua5.4.
**
** The module exports one symbol, QK_IMPORT_MODULE_SYMBOL: a const
** qk_importlib_module whose abi is QK_IMPORT_MODULE_ABI; any other abi is
** refused. Bump it when an entry changes.
*/
#ifndef QK_IMPORTLIB_MODULE_H
#define QK_IMPORTLIB_MODULE_H

#include <lua.h>

#define QK_IMPORT_MODULE_ABI 1
#define QK_IMPORT_MODULE_SYMBOL "qk_importlib_module_v1"

typedef struct {
  int abi; /* QK_IMPORT_MODULE_ABI */
  lua_CFunction open; /* luaopen_importlib (importlib.h) */
} qk_importlib_module;

#endif
