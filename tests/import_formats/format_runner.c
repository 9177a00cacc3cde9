/*
** format_runner.c — the test host of the import format modules: the kiosk's
** sandbox with `importlib` (runtime/import) and `fixture`, which hands a
** test the same `src` table the import command gives a format module:
**
**   fixture.load("bank.xlsx") -> { path = ".../fixtures/bank.xlsx",
**                                 name = "bank.xlsx", ext = "xlsx", bytes = "..." }
**
** Names are plain file names inside FIXTURES_DIR (no "/", no ".."). Runs
** the test file as qk_lua_runner does (lua_tests.h).
**
**   qk_format_runner FILE.lua SCRIPTS_DIR FIXTURES_DIR
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "api.h"
#include "host.h"
#include "lua_tests.h"
#include "importlib.h"

static int fixture_load(lua_State *L) {
  const char *dir = lua_touserdata(L, lua_upvalueindex(1));
  const char *name = luaL_checkstring(L, 1);
  if (strchr(name, '/') || strcmp(name, "..") == 0 || name[0] == '.') return luaL_error(L, "bad fixture name '%s'", name);
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  struct stat st;
  if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return luaL_error(L, "no fixture %s", path);
  lua_createtable(L, 0, 4);
  lua_pushstring(L, path);
  lua_setfield(L, -2, "path");
  lua_pushstring(L, name);
  lua_setfield(L, -2, "name");
  const char *dot = strrchr(name, '.');
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (const char *c = dot ? dot + 1 : ""; *c; c++) luaL_addchar(&b, (char)tolower((unsigned char)*c));
  luaL_pushresult(&b);
  lua_setfield(L, -2, "ext");
  /* The buffer is Lua's before the file is opened: nothing C-owned is alive
  ** when an allocation could raise. */
  char *dst = luaL_buffinitsize(L, &b, (size_t)st.st_size);
  FILE *f = fopen(path, "rb");
  size_t got = f ? fread(dst, 1, (size_t)st.st_size, f) : 0;
  if (f) fclose(f);
  if (got != (size_t)st.st_size) return luaL_error(L, "cannot read %s", path);
  luaL_pushresultsize(&b, got);
  lua_setfield(L, -2, "bytes");
  return 1;
}

static int open_fixture(lua_State *L) {
  lua_newtable(L);
  lua_pushvalue(L, lua_upvalueindex(1)); /* the fixtures folder (host ctx) */
  lua_pushcclosure(L, fixture_load, 1);
  lua_setfield(L, -2, "load");
  return 1;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: qk_format_runner FILE.lua SCRIPTS_DIR FIXTURES_DIR\n");
    return 2;
  }
  static const qk_api_module modules[] = {
    {"json", qk_open_json}, {"importlib", luaopen_importlib}, {"fixture", open_fixture}};
  qk_lua_tests t = {argv[1], argv[2], modules, 3, argv[3], 60000, 512u << 20};
  return qk_lua_tests_run(&t);
}
