/*
** tool.h — the question-bank subcommands: `import`, `new` and `check`.
** The C side only reads the command line, reads the named input files,
** and offers the Lua framework (scripts/kiosk/import/init.lua) a way to write
** files under the output folder; all parsing and checking is Lua, in the
** kiosk's own sandbox.
*/
#ifndef QK_IMPORT_TOOL_H
#define QK_IMPORT_TOOL_H

#include "args.h"

/* Exit codes: 0 fine, 1 problems (skipped questions, a set with errors, a
** file that cannot be read or written), 2 usage errors. The report goes to
** stdout, errors to stderr.
**   import FILE... --out APP_DIR [--format auto|doc|wjx|sheet|gift|aiken|qti] [--allow-skips]
**   new APP_DIR --from FILE [FILE...] [--format NAME] [--allow-skips]
**   check APP_DIR */
extern const qk_command qk_cmd_import;
extern const qk_command qk_cmd_new;
extern const qk_command qk_cmd_check;

#endif
