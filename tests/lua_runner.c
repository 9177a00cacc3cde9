/*
** lua_runner.c — runs a Lua test file inside the kiosk's own sandbox with
** the modules that need no screen (lua_tests.h says how a test file looks).
**
**   qk_lua_runner FILE.lua [SCRIPTS_DIR]
*/
#include <stdio.h>

#include "api.h"
#include "content_text.h"
#include "lua_tests.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: qk_lua_runner FILE.lua [SCRIPTS_DIR]\n");
    return 2;
  }
  /* Modules that need no screen; gfx and kiosk need a running app. */
  static const qk_api_module modules[] = {{"json", qk_open_json}, {"content_text", qk_open_content_text}};
  qk_lua_tests t = {argv[1], argc > 2 ? argv[2] : NULL, modules, 2, NULL, 5000, 0};
  return qk_lua_tests_run(&t);
}
