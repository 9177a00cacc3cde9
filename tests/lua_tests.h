/*
** lua_tests.h — runs a Lua test file inside the kiosk's own sandbox (the
** same host the apps get, without a screen): the file returns a table of
** functions, and every one whose name starts with "test" runs, in name
** order, under the given limits. One line per test and a closing
** "N passed, M failed" line on stdout. Shared by qk_lua_runner and the
** import formats' qk_format_runner, which differ only in the modules they
** open.
*/
#ifndef QK_LUA_TESTS_H
#define QK_LUA_TESTS_H

#include <stddef.h>

#include "host.h"

typedef struct {
  const char *file;               /* the test file */
  const char *scripts;            /* the kiosk library (require path), or NULL */
  const qk_api_module *modules;   /* the C modules to open besides the base libraries */
  int nmodules;
  void *ctx;                      /* the modules' upvalue (qk_host_config.ctx) */
  int time_limit_ms;              /* per test function */
  size_t mem_limit;               /* 0 = the host's default */
} qk_lua_tests;

/* Returns the process exit code: 0 when every test passed (and there was
** at least one), 1 otherwise. */
int qk_lua_tests_run(const qk_lua_tests *t);

#endif
