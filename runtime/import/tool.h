/*
** tool.h — the question-bank subcommands: `import`, `new` and `check`.
** The C side only reads the command line, reads the named input files,
** and offers the Lua framework (scripts/kiosk/import/init.lua) a way to write
** files under the output folder; all parsing and checking is Lua, in the
** kiosk's own sandbox.
*/
#ifndef QK_IMPORT_TOOL_H
#define QK_IMPORT_TOOL_H

/* Whether subcommand is one of import, new, check. */
int qk_import_handles(const char *subcommand);

/* argv[0] is the subcommand ("import", "new" or "check"). Returns the exit
** code: 0 fine, 1 problems (skipped questions, a set with errors, a file
** that cannot be read or written), 2 usage errors. Prints the report on
** stdout and errors on stderr.
**   import FILE... --out APP_DIR [--format auto|doc|wjx|sheet|gift|aiken|qti] [--allow-skips]
**   new APP_DIR --from FILE... [--format NAME] [--allow-skips]
**   check APP_DIR */
int qk_import_cmd(int argc, char **argv);

#endif
