/*
** host.h — one sandboxed Lua 5.4 VM running one app. Owns: the allow-listed
** environment (no io, no os beyond time/clock/date, no debug, no binary
** chunks, no string.dump), a `require` that finds Lua files only inside the
** app folder and the kiosk's script library, the capped allocator, the
** clock-checked count hook, the message handler that builds tracebacks, and
** the app's timers. Limits trip an error that the script's own pcall cannot
** swallow: the hook re-raises it on every count until control is back in C.
**
** Every touch of the VM (callback look-up, event tables, timers, the app
** table's reference) runs inside a protected, budgeted call, so a raising
** __index or a memory error never reaches lua_atpanic. Scripts cannot
** install __gc finalizers (setmetatable refuses them; the metatables of C
** userdata are hidden from getmetatable): Lua runs finalizers with debug
** hooks off (lgc.c GCTM), so a looping finalizer could never be stopped,
** not even while the VM is closed.
*/
#ifndef QK_HOST_H
#define QK_HOST_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>

typedef struct qk_host qk_host;

/* A Lua module written in C: pushes its table. Upvalue 1 is the host
** config's ctx (a light userdata), for the module's own closures. */
typedef struct {
  const char *name;          /* global name, e.g. "gfx" */
  lua_CFunction open;
} qk_api_module;

typedef struct {
  const char *app_dir;       /* the app: main.lua and its modules */
  const char *lib_dir;       /* the kiosk's script library (scripts/) */
  const char *app_name;      /* for chunk names: "<app_name>/file.lua" */
  const char *main_file;     /* file in app_dir that returns the app; NULL = "main.lua" */
  size_t mem_limit;          /* bytes; 0 = 64 MiB */
  int time_limit_ms;         /* CPU time per call from C into Lua; 0 = 250 */
  uint64_t (*now)(void *ctx); /* the runtime clock (virtual under replay) */
  void (*log)(void *ctx, const char *msg); /* print() and warnings */
  void *ctx;
  const qk_api_module *modules;
  int nmodules;
} qk_host_config;

/* Event passed to the app's event(e) callback, in logical units. */
typedef struct {
  const char *type;          /* "press", "move", "release", "wheel", "key", "text", "edit", "resize" */
  double x, y;
  int pointer;
  uint64_t t;                /* the event's own timestamp (ms, runtime clock) */
  const char *key, *text;
  unsigned mods;
} qk_host_input;

/* Creates the VM, opens the sandbox and modules, runs main.lua. On failure
** returns NULL with the message (and traceback) in err. */
qk_host *qk_host_new(const qk_host_config *cfg, char *err, size_t errlen);
void qk_host_free(qk_host *h);
lua_State *qk_host_state(qk_host *h);
/* qk_host stored in the VM's extra space (for the C modules). */
qk_host *qk_host_of(lua_State *L);
void *qk_host_ctx(qk_host *h);

/* Calls into the app. 0 = fine (also when the app has no such callback);
** -1 = the script failed: qk_host_error() holds message + traceback and the
** VM should be replaced (qk_host_dead() is 1 after a limit tripped). */
int qk_host_draw(qk_host *h);
int qk_host_event(qk_host *h, const qk_host_input *e);
int qk_host_update(qk_host *h, double dt_ms);
int qk_host_has(qk_host *h, const char *callback);
/* Calls app[callback]() with no arguments (tests, custom hooks). */
int qk_host_call(qk_host *h, const char *callback);
/* Pushes the app table (for C code that inspects it). */
void qk_host_push_app(qk_host *h);
const char *qk_host_error(const qk_host *h);
int qk_host_dead(const qk_host *h);
/* How many modules of the kiosk library this VM loaded from the bytecode
** compiled at build time rather than from source (kit_bytecode.h). */
int qk_host_kit_loads(const qk_host *h);

/* Timers (kiosk.after / kiosk.every). */
/* The function at fn_index of L (the calling thread: a coroutine works too)
** runs at due, then every interval ms if interval > 0. Returns its id or -1. */
int qk_host_timer_add(qk_host *h, lua_State *L, uint64_t due, uint64_t interval, int fn_index);
void qk_host_timer_cancel(qk_host *h, int id);
/* Earliest due time, or UINT64_MAX when no timer is set. */
uint64_t qk_host_next_timer(const qk_host *h);
/* Runs timers due at or before now. -1 on a script error. */
int qk_host_run_timers(qk_host *h, uint64_t now);

size_t qk_host_memory(const qk_host *h);

/* The time limit counts the script's own work only: it is CPU time of the
** thread, so waiting (an fsync, a lock) never counts. A C function that
** works hard on something that is not script work (decoding an image)
** brackets it with pause/resume: the deadline of the running call moves on
** by the CPU time spent paused. Pairs nest (only the outermost pair counts);
** outside a budgeted call they do nothing. Call resume before anything
** can raise: an error thrown while paused forfeits the credit (the next
** call starts afresh), it never stops the clock for good. */
void qk_host_budget_pause(qk_host *h);
void qk_host_budget_resume(qk_host *h);

#endif
