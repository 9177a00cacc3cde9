/*
** lua_tests.c — see lua_tests.h.
*/
#include "lua_tests.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

static uint64_t fake_now(void *ctx) {
  (void)ctx;
  return 0;
}

static void log_line(void *ctx, const char *msg) {
  (void)ctx;
  printf("  | %s\n", msg);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int qk_lua_tests_run(const qk_lua_tests *t) {
  char *path1 = strdup(t->file), *path2 = strdup(t->file);
  if (!path1 || !path2) {
    free(path1);
    free(path2);
    return 2;
  }
  const char *dir = dirname(path1), *file = basename(path2);
  qk_host_config cfg = {
    .app_dir = dir, .lib_dir = t->scripts, .app_name = "tests", .main_file = file,
    .now = fake_now, .log = log_line, .time_limit_ms = t->time_limit_ms, .mem_limit = t->mem_limit,
    .ctx = t->ctx, .modules = t->modules, .nmodules = t->nmodules,
  };
  char err[8192];
  qk_host *h = qk_host_new(&cfg, err, sizeof err);
  if (!h) {
    fprintf(stderr, "%s: cannot load: %s\n", t->file, err);
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
    if (dead) { /* a tripped limit ended this VM: the rest cannot run */
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
