/*
** host_test.c — the Lua host's own guarantees, on a real VM:
** - the time limit counts the script's own work only, as CPU time of the
**   thread: 400 ms asleep in C (waiting on a disk) does not trip the 250 ms
**   limit, nor does 400 ms of C work under qk_host_budget_pause (as around
**   image decoding; nested pauses count once), while 400 ms of Lua, or of C
**   work without the pause, do trip it;
** - scripts cannot leave a finalizer that never ends: setmetatable refuses
**   __gc and userdata metatables are hidden, so closing the VM for the next
**   candidate returns and the process goes on;
** - an app table whose __index raises ends the call with an error (the
**   kiosk's error screen), not an abort of the process.
** A hang would be the failure: SIGALRM ends the test after 60 s.
*/
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>

#include "host.h"

static int failures;

static void check(int cond, const char *what, const char *detail) {
  printf("%s %s%s%s\n", cond ? "ok  " : "FAIL", what, detail && !cond ? ": " : "", detail && !cond ? detail : "");
  if (!cond) failures++;
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0) {
  }
}

/* Busy in C for ms of this thread's CPU time (decoding, laying out). */
static void work_ms(long ms) {
  struct timespec t0, t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
  volatile unsigned long sink = 0;
  do {
    for (int i = 0; i < 10000; i++) sink += (unsigned long)i;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  } while ((t.tv_sec - t0.tv_sec) * 1000L + (t.tv_nsec - t0.tv_nsec) / 1000000L < ms);
}

static int t_sleep(lua_State *L) {
  sleep_ms((long)luaL_checkinteger(L, 1));
  return 0;
}

static int t_work(lua_State *L) {
  work_ms((long)luaL_checkinteger(L, 1));
  return 0;
}

static int t_work_paused(lua_State *L) {
  long ms = (long)luaL_checkinteger(L, 1);
  qk_host_budget_pause(qk_host_of(L));
  work_ms(ms);
  qk_host_budget_resume(qk_host_of(L));
  return 0;
}

static int t_work_nested(lua_State *L) {
  long ms = (long)luaL_checkinteger(L, 1);
  qk_host *h = qk_host_of(L);
  qk_host_budget_pause(h);
  work_ms(ms / 2);
  qk_host_budget_pause(h);
  work_ms(ms - ms / 2);
  qk_host_budget_resume(h);
  qk_host_budget_resume(h);
  return 0;
}

static int t_raise_paused(lua_State *L) {
  qk_host_budget_pause(qk_host_of(L));
  return luaL_error(L, "raised while paused");
}

static int t_ud_gc(lua_State *L) {
  (void)L; /* a C module's own finalizer: frees C memory, never loops */
  return 0;
}

static int t_userdata(lua_State *L) {
  lua_newuserdatauv(L, 8, 0);
  if (luaL_newmetatable(L, "host_test.ud")) {
    lua_pushcfunction(L, t_ud_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  return 1;
}

static int open_t(lua_State *L) {
  static const luaL_Reg f[] = {{"sleep", t_sleep}, {"work", t_work}, {"work_paused", t_work_paused}, {"work_nested", t_work_nested},
                               {"raise_paused", t_raise_paused}, {"userdata", t_userdata}, {NULL, NULL}};
  luaL_newlib(L, f);
  return 1;
}

static uint64_t now0(void *ctx) {
  (void)ctx;
  return 0;
}

static const char *dir;

static qk_host *open_app(const char *file, char *err, size_t errlen) {
  static const qk_api_module mods[] = {{"t", open_t}};
  qk_host_config cfg = {.app_dir = dir, .app_name = "host", .main_file = file, .time_limit_ms = 250,
                        .now = now0, .modules = mods, .nmodules = 1};
  return qk_host_new(&cfg, err, errlen);
}

/* Runs one budget case in a fresh VM (a trip ends a VM). */
static void budget_case(const char *fn, int expect_ok, const char *what) {
  char err[8192];
  qk_host *h = open_app("budget.lua", err, sizeof err);
  if (!h) {
    check(0, what, err);
    return;
  }
  int rc = qk_host_call(h, fn);
  if (expect_ok) check(rc == 0, what, qk_host_error(h));
  else check(rc != 0 && strstr(qk_host_error(h), "took too long") != NULL, what, rc ? qk_host_error(h) : "no trip");
  qk_host_free(h);
}

static const char *field(qk_host *h, const char *k) {
  lua_State *L = qk_host_state(h);
  qk_host_push_app(h);
  lua_getfield(L, -1, k); /* a plain table: no metamethod runs */
  const char *v = lua_tostring(L, -1);
  lua_pop(L, 2); /* the string stays alive in the app table */
  return v ? v : "(nil)";
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: qk_host_test DIR (tests/core/apps/host)\n");
    return 2;
  }
  dir = argv[1];
  alarm(60);

  budget_case("asleep", 1, "400 ms asleep in C (a slow fsync): no trip");
  budget_case("paused", 1, "400 ms of C work with the budget paused: no trip");
  budget_case("nested", 1, "nested pauses count once: no trip");
  budget_case("unpaused", 0, "400 ms of C work without the pause: trips");
  budget_case("busy", 0, "400 ms of the script's own work: trips");
  {
    char err[8192];
    qk_host *h = open_app("budget.lua", err, sizeof err);
    check(h != NULL, "budget app loads", err);
    if (h) {
      check(qk_host_call(h, "raise_paused") != 0 && !qk_host_dead(h), "an error thrown while paused is an ordinary error",
            qk_host_error(h));
      check(qk_host_call(h, "paused") == 0, "and the next call is paused as it should be", qk_host_error(h));
      qk_host_free(h);
    }
  }

  /* Finalizers: each VM is closed, then a new one opened, as between candidates. */
  for (int round = 0; round < 2; round++) {
    char err[8192];
    qk_host *h = open_app("gc.lua", err, sizeof err);
    check(h != NULL, "gc app loads", err);
    if (!h) break;
    check(strstr(field(h, "direct"), "__gc finalizers are not allowed") != NULL, "setmetatable refuses __gc",
          field(h, "direct"));
    check(strstr(field(h, "false_gc"), "__gc finalizers are not allowed") != NULL, "any __gc value is refused",
          field(h, "false_gc"));
    check(strcmp(field(h, "userdata_mt"), "hidden") == 0, "a userdata's metatable is hidden", field(h, "userdata_mt"));
    check(strcmp(field(h, "plain_ok"), "yes") == 0, "ordinary metatables still work", NULL);
    qk_host_free(h); /* would never return if a looping finalizer had been let in */
    check(1, "the VM closed and the process goes on", NULL);
  }

  /* A raising __index on the app table. */
  {
    char err[8192];
    qk_host *h = open_app("strict.lua", err, sizeof err);
    check(h != NULL, "strict app loads", err);
    if (h) {
      check(qk_host_draw(h) == 0, "draw (present) runs", qk_host_error(h));
      qk_host_input e = {.type = "press", .x = 1, .y = 1};
      check(qk_host_event(h, &e) != 0 && strstr(qk_host_error(h), "no field 'event'") != NULL,
            "a raising look-up of event() is a script error", qk_host_error(h));
      check(qk_host_update(h, 16) != 0 && strstr(qk_host_error(h), "no field 'update'") != NULL,
            "so is update()", qk_host_error(h));
      check(qk_host_has(h, "nothing") == 0, "qk_host_has answers 0", NULL);
      qk_host_free(h);
    }
  }
  printf("host: %s\n", failures ? "FAILED" : "all passed");
  return failures ? 1 : 0;
}
