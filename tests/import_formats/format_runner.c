/*
** format_runner.c — the test host of the import format modules: the kiosk's
** sandbox with `importlib` (runtime/import) and `fixture`, which hands a
** test the same `src` table the import command gives a format module:
**
**   fixture.load("bank.xlsx") -> { path = ".../fixtures/bank.xlsx",
**                                 name = "bank.xlsx", ext = "xlsx", bytes = "..." }
**
** Names are plain file names inside FIXTURES_DIR (no "/", no ".."). Runs
** the test file like qk_lua_runner: every function whose name starts with
** "test", in name order; one line per test; non-zero exit on a failure.
**
**   qk_format_runner FILE.lua SCRIPTS_DIR FIXTURES_DIR
*/
#include <ctype.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "api.h"
#include "host.h"
#include "importlib.h"

static uint64_t fake_now(void *ctx) {
  (void)ctx;
  return 0;
}

static void log_line(void *ctx, const char *msg) {
  (void)ctx;
  printf("  | %s\n", msg);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

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
  char *path1 = strdup(argv[1]), *path2 = strdup(argv[1]);
  if (!path1 || !path2) return 2;
  const char *dir = dirname(path1), *file = basename(path2);
  static const qk_api_module modules[] = {
    {"json", qk_open_json}, {"importlib", luaopen_importlib}, {"fixture", open_fixture}};
  qk_host_config cfg = {
    .app_dir = dir, .lib_dir = argv[2], .app_name = "tests", .main_file = file,
    .now = fake_now, .log = log_line, .time_limit_ms = 60000, .mem_limit = 512u << 20,
    .ctx = argv[3], .modules = modules, .nmodules = 3,
  };
  char err[8192];
  qk_host *h = qk_host_new(&cfg, err, sizeof err);
  if (!h) {
    fprintf(stderr, "%s: cannot load: %s\n", argv[1], err);
    printf("0 passed, 1 failed\n");
    free(path1);
    free(path2);
    return 1;
  }
  lua_State *L = qk_host_state(h);
  char *names[512];
  int n = 0;
  qk_host_push_app(h);
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    if (lua_type(L, -2) == LUA_TSTRING && lua_isfunction(L, -1) && strncmp(lua_tostring(L, -2), "test", 4) == 0 && n < 512)
      names[n++] = strdup(lua_tostring(L, -2));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  qsort(names, (size_t)n, sizeof names[0], cmp);
  int passed = 0, failed = 0, dead = 0;
  for (int i = 0; i < n; i++) {
    if (dead) {
      failed++;
      printf("FAIL %s (not run: the VM was stopped)\n", names[i] ? names[i] : "?");
    } else if (names[i] && qk_host_call(h, names[i]) == 0) {
      passed++;
      printf("ok   %s\n", names[i]);
    } else {
      failed++;
      printf("FAIL %s\n%s\n", names[i] ? names[i] : "(out of memory)", qk_host_error(h));
      dead = qk_host_dead(h);
    }
    free(names[i]);
  }
  printf("%s: %d passed, %d failed\n", file, passed, failed);
  qk_host_free(h);
  free(path1);
  free(path2);
  return failed || n == 0 ? 1 : 0;
}
