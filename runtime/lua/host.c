/*
** host.c — see host.h. Order of trust: everything that touches the VM runs
** inside lua_pcall with our message handler; C never calls lua_error while it
** still owns heap memory.
*/
#include "host.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lualib.h>

#include "kit_bytecode.h"
#include "paths.h"
#include "pattern_guard.h"

/* The per-call limit counts the script's own work: CPU time of the thread
** running it. Waiting (an fsync of 200 ms on cheap flash, a busy
** database) costs no CPU, and neither does being descheduled on a loaded
** 2-core machine, so neither can make an honest script "take too long".
** What blocks without burning CPU for good is the watchdog's (watchdog.h). */
#define BUDGET_CLOCK CLOCK_THREAD_CPUTIME_ID
#define HOOK_COUNT 4096            /* instructions between clock checks */
#define MAX_TIMERS 256
#define MAX_MODULE_BYTES (32u << 20) /* a single script file: a 50,000-question bank (~520 bytes each) fits */
/* Within this fraction of the memory cap the hook notes the line of every
** instruction, so a memory error can say where the cap was hit. */
#define NEAR_LIMIT(cap) ((cap) / 32)

enum { TRIP_NONE, TRIP_TIME, TRIP_MEMORY };

typedef struct {
  int id;
  uint64_t due, interval; /* interval 0 = once */
  int ref;                /* the callback, in the registry */
} timer;

struct qk_host {
  lua_State *L;
  qk_host_config cfg;
  char *app_dir, *lib_dir, *app_name, *main_file;
  size_t mem_used, mem_limit;
  int time_limit_ms;
  struct timespec deadline;
  int in_call;            /* a budgeted call is running */
  int pause_depth;        /* qk_host_budget_pause nesting */
  struct timespec paused_at;
  int tripped;            /* TRIP_*: stays set until the VM is dropped */
  char trip_msg[400];     /* what a trip says: the message, and for memory where it was hit */
  char where[300];        /* "app/file.lua:LINE" of the instruction the hook last saw */
  int near_limit;         /* memory is within NEAR_LIMIT of the cap: the hook runs every instruction */
  unsigned since_check;   /* instructions since the clock was last read (read every HOOK_COUNT) */
  int app_ref;            /* the table main.lua returned */
  int kit_loads;          /* kiosk library modules loaded from the build's bytecode */
  timer timers[MAX_TIMERS];
  int ntimers, next_timer_id;
  char err[8192];
};

static const char *const trip_message[] = {
  "",
  "script took too long (time limit per call exceeded): is there an endless loop?",
  "script used too much memory (memory limit exceeded)",
};

/* ---- limits ---- */

static void limit_hook(lua_State *L, lua_Debug *ar);

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  qk_host *h = ud;
  if (!ptr) osize = 0;
  if (nsize == 0) {
    free(ptr);
    h->mem_used -= osize;
    return NULL;
  }
  if (nsize > osize && h->mem_used + (nsize - osize) > h->mem_limit) {
    /* Refuse, and make the refusal stick even if a pcall catches it. */
    if (h->in_call && h->tripped == TRIP_NONE) {
      h->tripped = TRIP_MEMORY;
      /* Where: the instruction the hook saw last (every instruction near
      ** the cap). The stack is not walked here: inside the allocator it may
      ** be half-moved. */
      snprintf(h->trip_msg, sizeof h->trip_msg, "%s%s%s", trip_message[TRIP_MEMORY], h->where[0] ? " at " : "", h->where);
      /* lua_sethook may be called at any moment, even from here: the main
      ** thread now raises on its next instruction; a coroutine's own hook
      ** sees the trip within HOOK_COUNT instructions. */
      lua_sethook(h->L, limit_hook, LUA_MASKCOUNT, 1);
    }
    return NULL;
  }
  void *p = realloc(ptr, nsize);
  if (p) h->mem_used = h->mem_used - osize + nsize;
  if (p && h->in_call && !h->near_limit && h->mem_used + NEAR_LIMIT(h->mem_limit) > h->mem_limit) {
    h->near_limit = 1;
    lua_sethook(h->L, limit_hook, LUA_MASKCOUNT, 1);
  }
  return p;
}

static int past(const struct timespec *deadline) {
  struct timespec now;
  clock_gettime(BUDGET_CLOCK, &now);
  return now.tv_sec > deadline->tv_sec || (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

static void limit_hook(lua_State *L, lua_Debug *ar) {
  qk_host *h = qk_host_of(L);
  if (!h->in_call) return;
  if (h->tripped == TRIP_NONE) {
    /* The clock is read every HOOK_COUNT instructions, however often the
    ** hook runs: near the memory cap it runs every instruction, and a
    ** system call as often would slow the script tenfold. */
    h->since_check += (unsigned)lua_gethookcount(L);
    int check_clock = h->since_check >= HOOK_COUNT;
    if (check_clock) h->since_check = 0;
    /* The line being run, for a memory error's message (see limited_alloc). */
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
      snprintf(h->where, sizeof h->where, "%s:%d", ar->short_src, ar->currentline);
    if (h->near_limit && h->mem_used + 2 * NEAR_LIMIT(h->mem_limit) < h->mem_limit) {
      h->near_limit = 0; /* the collector made room: back to the usual pace */
      lua_sethook(L, limit_hook, LUA_MASKCOUNT, HOOK_COUNT);
    } else if (h->near_limit && lua_gethookcount(L) != 1) {
      lua_sethook(L, limit_hook, LUA_MASKCOUNT, 1); /* a coroutine started before */
    }
    if (check_clock && past(&h->deadline)) {
      h->tripped = TRIP_TIME;
      snprintf(h->trip_msg, sizeof h->trip_msg, "%s", trip_message[TRIP_TIME]);
    }
  }
  if (h->tripped != TRIP_NONE) {
    /* Re-arm on every instruction of this thread: a pcall in the script
    ** catches the error, and the very next instruction raises it again. */
    lua_sethook(L, limit_hook, LUA_MASKCOUNT, 1);
    lua_pushstring(L, h->trip_msg);
    lua_error(L);
  }
}

static void add_time(struct timespec *t, long sec, long nsec) {
  t->tv_sec += sec;
  t->tv_nsec += nsec;
  while (t->tv_nsec >= 1000000000L) {
    t->tv_sec++;
    t->tv_nsec -= 1000000000L;
  }
  while (t->tv_nsec < 0) {
    t->tv_sec--;
    t->tv_nsec += 1000000000L;
  }
}

static void arm(qk_host *h) {
  clock_gettime(BUDGET_CLOCK, &h->deadline);
  add_time(&h->deadline, h->time_limit_ms / 1000, (long)(h->time_limit_ms % 1000) * 1000000L);
  h->in_call = 1;
  h->pause_depth = 0; /* credit lost to an error thrown while paused ends here */
  h->where[0] = 0;
  h->since_check = 0;
  h->near_limit = h->mem_used + NEAR_LIMIT(h->mem_limit) > h->mem_limit;
  lua_sethook(h->L, limit_hook, LUA_MASKCOUNT, h->near_limit ? 1 : HOOK_COUNT);
}

void qk_host_budget_pause(qk_host *h) {
  if (!h || !h->in_call) return;
  if (h->pause_depth++ == 0) clock_gettime(BUDGET_CLOCK, &h->paused_at);
}

void qk_host_budget_resume(qk_host *h) {
  if (!h || !h->in_call || h->pause_depth == 0) return;
  if (--h->pause_depth > 0) return;
  struct timespec now;
  clock_gettime(BUDGET_CLOCK, &now);
  /* The deadline moves on by exactly the time spent paused. */
  add_time(&h->deadline, now.tv_sec - h->paused_at.tv_sec, now.tv_nsec - h->paused_at.tv_nsec);
}

/* ---- messages ---- */

static int message_handler(lua_State *L) {
  qk_host *h = qk_host_of(L);
  const char *msg = lua_tostring(L, 1);
  if (h->tripped) msg = h->trip_msg;
  if (!msg) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

/* Calls the function below nargs arguments on the stack under the limits.
** Returns 0, or -1 with h->err set. Pops the function and arguments. */
static int budgeted_call(qk_host *h, int nargs, int nresults) {
  lua_State *L = h->L;
  if (h->tripped) {
    lua_pop(L, nargs + 1);
    snprintf(h->err, sizeof h->err, "%s", h->trip_msg);
    return -1;
  }
  int base = lua_gettop(L) - nargs;
  lua_pushcfunction(L, message_handler);
  lua_insert(L, base);
  arm(h);
  int rc = lua_pcall(L, nargs, nresults, base);
  h->in_call = 0;
  h->pause_depth = 0;
  lua_sethook(L, NULL, 0, 0);
  if (rc != LUA_OK) {
    const char *m = lua_tostring(L, -1);
    snprintf(h->err, sizeof h->err, "%s", m ? m : (h->tripped ? h->trip_msg : "unknown error"));
    if (h->tripped && m && !strstr(m, trip_message[h->tripped])) /* the trip replaced another error */
      snprintf(h->err, sizeof h->err, "%s\n%s", h->trip_msg, m);
    lua_pop(L, 1);
  }
  lua_remove(L, base); /* the message handler */
  return rc == LUA_OK ? 0 : -1;
}

/* ---- require ---- */

static int valid_module_name(const char *n) {
  if (!*n || strlen(n) > 200 || n[0] == '.') return 0;
  for (const char *p = n; *p; p++) {
    char c = *p;
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
             (c == '.' && p[1] != '.' && p[1] != 0);
    if (!ok) return 0;
  }
  return 1;
}

/* NULL with errno set: EFBIG for a file over MAX_MODULE_BYTES. */
static char *read_file(const char *path, size_t *len) {
  errno = 0;
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  if (fseek(f, 0, SEEK_END) == 0) {
    long n = ftell(f);
    if (n > (long)MAX_MODULE_BYTES) errno = EFBIG;
    else if (n >= 0 && fseek(f, 0, SEEK_SET) == 0) {
      buf = malloc((size_t)n + 1);
      if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
      }
      if (buf) {
        buf[n] = 0;
        *len = (size_t)n;
      }
    }
  }
  int e = errno; /* fclose may change it even when it succeeds */
  fclose(f);
  errno = e;
  return buf;
}

/* Loads the chunk at path, named "@shown": as text, or for a file of the
** kiosk library (kit = 1, shown relative to the library) as the bytecode
** compiled from exactly these bytes at build time (kit_bytecode.h); a file
** edited since, or bytecode this Lua refuses, loads as text. Pushes the
** function or an error message; returns the lua_load status. The file
** buffer is freed before anything can raise.
** Reading and compiling run with the call's time limit paused, as storage
** does: they are bounded by the file cap, not by anything the script can
** loop on, and a question bank of 10,000 in one file took most of the 250
** ms compiling. Nothing in between can raise (lua_load is protected), so the
** pause always ends here, before any message is pushed. */
static int load_file(lua_State *L, const char *path, const char *shown, int kit) {
  qk_host *h = qk_host_of(L);
  size_t len = 0;
  qk_host_budget_pause(h);
  char *buf = read_file(path, &len);
  if (!buf) qk_host_budget_resume(h);
  if (!buf) {
    if (errno == EFBIG)
      lua_pushfstring(L, "cannot load %s: a script file may be at most %d MiB (split a big question bank into parts)",
                      shown, (int)(MAX_MODULE_BYTES >> 20));
    else
      lua_pushfstring(L, "cannot read %s: %s", shown, strerror(errno ? errno : EIO));
    return LUA_ERRFILE;
  }
  char chunkname[600];
  snprintf(chunkname, sizeof chunkname, "@%s", shown);
  size_t bclen = 0;
  const unsigned char *bc = kit ? qk_kit_bytecode(shown, buf, len, &bclen) : NULL;
  if (bc) {
    if (luaL_loadbufferx(L, (const char *)bc, bclen, chunkname, "b") == LUA_OK) {
      free(buf);
      qk_host_budget_resume(h);
      h->kit_loads++;
      return LUA_OK;
    }
    lua_pop(L, 1); /* a Lua whose bytecode format differs from the build's: the source, as before */
  }
  const char *code = buf;
  if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) { /* a BOM from a Windows editor */
    code += 3;
    len -= 3;
  }
  int rc = luaL_loadbufferx(L, code, len, chunkname, "t");
  free(buf);
  qk_host_budget_resume(h);
  return rc;
}

static int file_exists(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f) fclose(f);
  return f != NULL;
}

/* require(name): app folder first, then the kiosk library. */
static int sandbox_require(lua_State *L) {
  qk_host *h = qk_host_of(L);
  const char *name = luaL_checkstring(L, 1);
  lua_getfield(L, LUA_REGISTRYINDEX, "qk.loaded");
  if (lua_getfield(L, -1, name) != LUA_TNIL) {
    if (lua_type(L, -1) == LUA_TLIGHTUSERDATA) return luaL_error(L, "module '%s' requires itself (a loop of requires)", name);
    return 1;
  }
  lua_pop(L, 1);
  if (!valid_module_name(name)) return luaL_error(L, "bad module name '%s' (use letters, digits, _ and dots)", name);
  char rel[256], path[4096], shown[600];
  snprintf(rel, sizeof rel, "%s", name);
  for (char *p = rel; *p; p++)
    if (*p == '.') *p = '/';
  const char *dirs[2] = {h->app_dir, h->lib_dir};
  const char *prefix[2] = {h->app_name, NULL};
  const char *forms[2] = {"%s/%s.lua", "%s/%s/init.lua"};
  int found = 0, in_lib = 0;
  for (int d = 0; d < 2 && !found; d++) {
    if (!dirs[d]) continue;
    for (int f = 0; f < 2 && !found; f++) {
      snprintf(path, sizeof path, forms[f], dirs[d], rel);
      if (file_exists(path)) {
        found = 1;
        in_lib = d == 1;
        const char *tail = path + strlen(dirs[d]) + 1;
        if (prefix[d]) snprintf(shown, sizeof shown, "%s/%s", prefix[d], tail);
        else snprintf(shown, sizeof shown, "%s", tail);
      }
    }
  }
  if (!found) return luaL_error(L, "module '%s' not found in the app folder or the kiosk library", name);
  /* By its real path: a symlink in the app folder must not lead out of it.
  ** The folder it was found in is asked first: each check resolves both
  ** paths component by component (a readlink each), and a kit module asked
  ** against the app folder first cost twice the system calls. */
  const char *home = in_lib ? h->lib_dir : h->app_dir, *other = in_lib ? h->app_dir : h->lib_dir;
  if (qk_path_within(path, home) != 1 && (!other || qk_path_within(path, other) != 1))
    return luaL_error(L, "module '%s' (%s) leads outside the app folder and the kiosk library (a symlink?): refused",
                      name, shown);
  lua_pushlightuserdata(L, (void *)h); /* "loading" marker */
  lua_setfield(L, -2, name);
  if (load_file(L, path, shown, in_lib) != LUA_OK) {
    lua_pushnil(L);
    lua_setfield(L, -3, name);
    return lua_error(L);
  }
  lua_pushstring(L, name);
  lua_call(L, 1, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, name);
  return 1;
}

/* ---- the sandbox ---- */

/* load(chunk [, name [, mode [, env]]]) with mode forced to text. */
static int sandbox_load(lua_State *L) {
  int n = lua_gettop(L);
  if (n < 1) return luaL_error(L, "load needs a chunk");
  if (n >= 3 && !lua_isnil(L, 3)) {
    const char *mode = luaL_checkstring(L, 3);
    if (strchr(mode, 'b')) return luaL_error(L, "binary chunks are not allowed");
  }
  lua_pushvalue(L, lua_upvalueindex(1)); /* the real load */
  lua_pushvalue(L, 1);
  if (n >= 2) lua_pushvalue(L, 2); else lua_pushnil(L);
  lua_pushliteral(L, "t");
  if (n >= 4) lua_pushvalue(L, 4);
  lua_call(L, n >= 4 ? 4 : 3, LUA_MULTRET);
  return lua_gettop(L) - n;
}

static int sandbox_print(lua_State *L) {
  qk_host *h = qk_host_of(L);
  int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= n; i++) {
    if (i > 1) luaL_addchar(&b, '\t');
    luaL_tolstring(L, i, NULL);
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  if (h->cfg.log) h->cfg.log(h->cfg.ctx, lua_tostring(L, -1));
  return 0;
}

static int sandbox_collectgarbage(lua_State *L) {
  static const char *const allowed[] = {"collect", "count", "step", NULL};
  int opt = luaL_checkoption(L, 1, "collect", allowed);
  switch (opt) {
  case 1: lua_pushnumber(L, (lua_Number)lua_gc(L, LUA_GCCOUNT, 0) + lua_gc(L, LUA_GCCOUNTB, 0) / 1024.0); return 1;
  case 2: lua_pushboolean(L, lua_gc(L, LUA_GCSTEP, (int)luaL_optinteger(L, 2, 0))); return 1;
  default: lua_gc(L, LUA_GCCOLLECT); lua_pushinteger(L, 0); return 1;
  }
}

/* setmetatable(t, mt) without finalizers: Lua runs __gc with debug hooks
** switched off (lgc.c, GCTM), so the time limit could never stop one that
** loops, neither during a call nor while the VM is closed for the next
** candidate. A __gc added to mt later is never called (Lua marks an object
** for finalization only when its metatable is set). */
static int sandbox_setmetatable(lua_State *L) {
  if (lua_istable(L, 2)) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL)
      return luaL_error(L, "__gc finalizers are not allowed in kiosk scripts (a finalizer that never ends "
                           "could not be stopped); release resources explicitly instead");
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1)); /* the real setmetatable */
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

/* getmetatable(v), except for userdata: their metatables belong to C
** modules, and a script that replaced their __gc would run Lua as a
** finalizer. */
static int sandbox_getmetatable(lua_State *L) {
  luaL_checkany(L, 1);
  if (lua_type(L, 1) == LUA_TUSERDATA) return 0;
  lua_pushvalue(L, lua_upvalueindex(1)); /* the real getmetatable */
  lua_pushvalue(L, 1);
  lua_call(L, 1, 1);
  return 1;
}

static int strict_index(lua_State *L) {
  return luaL_error(L, "undefined global '%s' (misspelt, or missing 'local'?)", lua_tostring(L, 2));
}

/* ---- the app's environment: an allow-list ----
**
** Like Redis's scripting, the environment is built from explicit lists of
** reviewed names, not by opening everything and deleting what is unsafe:
** whatever a future Lua version adds to a library stays out until it is
** reviewed and listed here. Each library is opened into a scratch table,
** and only the listed names are copied into the app's fresh global table.
** Left out on purpose: io, debug, package, dofile, loadfile, string.dump,
** os beyond the clock, collectgarbage beyond collect/count/step. Replaced
** by the sandbox's own: load (text only), print (the kiosk log),
** collectgarbage, setmetatable/getmetatable (no finalizers), require. */

typedef struct {
  const char *lib;              /* global name of the library; NULL = the base functions */
  lua_CFunction open;
  const char *const *names;     /* allowed members, NULL-terminated */
} allowed_lib;

static const char *const base_names[] = {
  "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget", "rawlen", "rawset", "select",
  "tonumber", "tostring", "type", "xpcall", "_VERSION", NULL};
static const char *const string_names[] = {
  "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "pack", "packsize", "rep",
  "reverse", "sub", "unpack", "upper", NULL};
static const char *const table_names[] = {"concat", "insert", "move", "pack", "remove", "sort", "unpack", NULL};
static const char *const math_names[] = {
  "abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge", "log", "max",
  "maxinteger", "min", "mininteger", "modf", "pi", "rad", "random", "randomseed", "sin", "sqrt", "tan",
  "tointeger", "type", "ult", NULL};
static const char *const utf8_names[] = {"char", "charpattern", "codes", "codepoint", "len", "offset", NULL};
static const char *const coroutine_names[] = {
  "close", "create", "isyieldable", "resume", "running", "status", "wrap", "yield", NULL};
static const char *const os_names[] = {"clock", "date", "difftime", "time", NULL};

static const allowed_lib allowed_libs[] = {
  {NULL, luaopen_base, base_names},
  {LUA_STRLIBNAME, luaopen_string, string_names},
  {LUA_TABLIBNAME, luaopen_table, table_names},
  {LUA_MATHLIBNAME, luaopen_math, math_names},
  {LUA_UTF8LIBNAME, luaopen_utf8, utf8_names},
  {LUA_COLIBNAME, luaopen_coroutine, coroutine_names},
  {LUA_OSLIBNAME, luaopen_os, os_names},
};

/* Copies the listed members of the table at src into the table at dst. A
** listed name the library lacks is an error: the list was reviewed against
** a Lua that had it. */
static void copy_allowed(lua_State *L, int src, int dst, const char *lib, const char *const *names) {
  for (const char *const *n = names; *n; n++) {
    if (lua_getfield(L, src, *n) == LUA_TNIL)
      luaL_error(L, "sandbox: %s%s%s is missing from this Lua", lib ? lib : "", lib ? "." : "", *n);
    lua_setfield(L, dst, *n);
  }
}

/* Opens lib: pushes a fresh table holding only its allowed members, then
** the whole library (which the caller drops once it took what it wraps).
** The base library writes into the global table of the moment, so it is
** opened with a scratch table standing in as the globals. */
static void push_allowed(lua_State *L, const allowed_lib *a) {
  lua_newtable(L); /* what the app will see */
  int dst = lua_gettop(L);
  if (a->lib) {
    luaL_requiref(L, a->lib, a->open, 0);
  } else {
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS); /* keep the current globals */
    lua_newtable(L);
    lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    lua_pushcfunction(L, a->open);
    lua_call(L, 0, 1); /* fills the scratch globals, returns them */
    lua_rotate(L, -2, 1);
    lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS); /* the old globals back */
  }
  copy_allowed(L, lua_gettop(L), dst, a->lib, a->names);
}

/* Runs inside a protected call: builds the environment. */
static int setup(lua_State *L) {
  qk_host *h = qk_host_of(L);
  lua_newtable(L); /* the app's globals */
  int env = lua_gettop(L);
  int full_base = 0;
  for (size_t i = 0; i < sizeof allowed_libs / sizeof allowed_libs[0]; i++) {
    const allowed_lib *a = &allowed_libs[i];
    push_allowed(L, a);
    if (a->lib) {
      lua_pop(L, 1); /* the whole library */
      lua_setfield(L, env, a->lib);
    } else { /* the base functions are globals themselves */
      full_base = lua_gettop(L); /* kept: the real load and metatable functions are wrapped below */
      lua_pushnil(L);
      while (lua_next(L, full_base - 1)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_settable(L, env);
      }
    }
  }
  /* The app's globals table is the one every chunk gets as _ENV. */
  lua_pushvalue(L, env);
  lua_rawseti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
  lua_pushvalue(L, env);
  lua_setfield(L, env, "_G");
  /* Libraries opened above are kept in the registry's loaded table, whole:
  ** nothing the app can reach refers to it, and it is emptied anyway. */
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);

  /* Strings' methods are the filtered string table (no ("").dump). */
  lua_getfield(L, env, "string");
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushvalue(L, -3);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 2);
  qk_pattern_guard_install(L); /* runaway patterns fail fast: the hook cannot stop them */
  lua_pop(L, 1);

  /* The sandbox's own versions, wrapping the real ones where they must. */
  lua_pushvalue(L, full_base);
  lua_getfield(L, -1, "load");
  lua_pushcclosure(L, sandbox_load, 1);
  lua_setfield(L, env, "load");
  lua_getfield(L, -1, "setmetatable");
  lua_pushcclosure(L, sandbox_setmetatable, 1);
  lua_setfield(L, env, "setmetatable");
  lua_getfield(L, -1, "getmetatable");
  lua_pushcclosure(L, sandbox_getmetatable, 1);
  lua_setfield(L, env, "getmetatable");
  lua_pop(L, 1);
  lua_remove(L, full_base);     /* the whole base library */
  lua_remove(L, full_base - 1); /* and its allowed part, already copied into env */
  lua_pushcfunction(L, sandbox_print);
  lua_setfield(L, env, "print");
  lua_pushcfunction(L, sandbox_collectgarbage);
  lua_setfield(L, env, "collectgarbage");

  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, "qk.loaded");
  lua_pushcfunction(L, sandbox_require);
  lua_setfield(L, env, "require");

  for (int i = 0; i < h->cfg.nmodules; i++) {
    lua_pushlightuserdata(L, h->cfg.ctx);
    lua_pushcclosure(L, h->cfg.modules[i].open, 1);
    lua_call(L, 0, 1);
    lua_setfield(L, env, h->cfg.modules[i].name);
  }

  /* Reading an undefined global is an error: it catches typos early. */
  lua_newtable(L);
  lua_pushcfunction(L, strict_index);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, env);
  lua_pop(L, 1);
  return 0;
}

/* Runs main.lua and keeps the app table it returns. */
static int run_main(lua_State *L) {
  qk_host *h = qk_host_of(L);
  char path[4096], shown[600];
  snprintf(path, sizeof path, "%s/%s", h->app_dir, h->main_file);
  snprintf(shown, sizeof shown, "%s/%s", h->app_name, h->main_file);
  if (qk_path_within(path, h->app_dir) == 0 && (!h->lib_dir || qk_path_within(path, h->lib_dir) != 1))
    return luaL_error(L, "%s leads outside the app folder and the kiosk library (a symlink?): refused", shown);
  if (load_file(L, path, shown, 0) != LUA_OK) return lua_error(L);
  lua_call(L, 0, 1);
  if (!lua_istable(L, -1))
    return luaL_error(L, "%s must end with 'return app' (a table with draw/event functions), got %s", shown,
                      luaL_typename(L, -1));
  h->app_ref = luaL_ref(L, LUA_REGISTRYINDEX); /* inside the protected call: it allocates */
  return 0;
}

/* ---- lifecycle ---- */

qk_host *qk_host_of(lua_State *L) { return *(qk_host **)lua_getextraspace(L); }
lua_State *qk_host_state(qk_host *h) { return h->L; }
void *qk_host_ctx(qk_host *h) { return h->cfg.ctx; }
const char *qk_host_error(const qk_host *h) { return h->err; }
int qk_host_dead(const qk_host *h) { return h->tripped != TRIP_NONE; }
size_t qk_host_memory(const qk_host *h) { return h->mem_used; }
int qk_host_kit_loads(const qk_host *h) { return h->kit_loads; }

static void warn_to_log(void *ud, const char *msg, int tocont) {
  qk_host *h = ud;
  (void)tocont;
  if (h->cfg.log && msg[0] != '@') h->cfg.log(h->cfg.ctx, msg);
}

qk_host *qk_host_new(const qk_host_config *cfg, char *err, size_t errlen) {
  qk_host *h = calloc(1, sizeof *h);
  if (!h) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  h->cfg = *cfg;
  h->app_dir = strdup(cfg->app_dir);
  h->lib_dir = cfg->lib_dir ? strdup(cfg->lib_dir) : NULL;
  h->app_name = strdup(cfg->app_name ? cfg->app_name : "app");
  h->main_file = strdup(cfg->main_file ? cfg->main_file : "main.lua");
  h->mem_limit = cfg->mem_limit ? cfg->mem_limit : (256u << 20); /* 100,000 questions: ~120 MiB live + GC room */
  h->time_limit_ms = cfg->time_limit_ms > 0 ? cfg->time_limit_ms : 250;
  h->app_ref = LUA_NOREF;
  h->next_timer_id = 1;
  if (!h->app_dir || !h->app_name || !h->main_file || (cfg->lib_dir && !h->lib_dir)) {
    snprintf(err, errlen, "out of memory");
    qk_host_free(h);
    return NULL;
  }
  h->L = lua_newstate(limited_alloc, h);
  if (!h->L) {
    snprintf(err, errlen, "cannot create the Lua state (out of memory)");
    qk_host_free(h);
    return NULL;
  }
  *(qk_host **)lua_getextraspace(h->L) = h;
  lua_setwarnf(h->L, warn_to_log, h);
  lua_atpanic(h->L, NULL);

  lua_pushcfunction(h->L, setup);
  if (budgeted_call(h, 0, 0) != 0) {
    snprintf(err, errlen, "%s", h->err);
    qk_host_free(h);
    return NULL;
  }
  lua_pushcfunction(h->L, run_main);
  if (budgeted_call(h, 0, 0) != 0) {
    snprintf(err, errlen, "%s", h->err);
    qk_host_free(h);
    return NULL;
  }
  return h;
}

void qk_host_free(qk_host *h) {
  if (!h) return;
  if (h->L) lua_close(h->L);
  free(h->app_dir);
  free(h->lib_dir);
  free(h->app_name);
  free(h->main_file);
  free(h);
}

/* Pushes app[name] (any value; the look-up may run the app table's own
** __index, which may raise: only ever called inside a protected call). */
static void get_callback(lua_State *L, qk_host *h, const char *name) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->app_ref);
  lua_getfield(L, -1, name);
  lua_remove(L, -2);
}

/* Inside budgeted_call: stack = name (a light userdata: pushing it cannot
** fail), arguments. Calls app[name](args) if it is a function; a missing
** callback is not an error. */
static int call_callback(lua_State *L) {
  qk_host *h = qk_host_of(L);
  int nargs = lua_gettop(L) - 1;
  get_callback(L, h, lua_touserdata(L, 1));
  if (!lua_isfunction(L, -1)) return 0;
  lua_replace(L, 1);
  lua_call(L, nargs, 0);
  return 0;
}

/* Runs app[callback](pushed nargs arguments) under the limits. */
static int call_app(qk_host *h, const char *callback, int nargs) {
  if (h->app_ref == LUA_NOREF) {
    lua_pop(h->L, nargs);
    return 0;
  }
  /* Nothing pushed here allocates, so nothing can raise outside the pcall. */
  lua_pushcfunction(h->L, call_callback);
  lua_pushlightuserdata(h->L, (void *)callback);
  if (nargs > 0) lua_rotate(h->L, -nargs - 2, 2);
  return budgeted_call(h, nargs + 1, 0);
}

static int has_callback(lua_State *L) {
  get_callback(L, qk_host_of(L), lua_touserdata(L, 1));
  lua_pushboolean(L, lua_isfunction(L, -1));
  return 1;
}

int qk_host_has(qk_host *h, const char *callback) {
  if (h->app_ref == LUA_NOREF) return 0;
  lua_pushcfunction(h->L, has_callback);
  lua_pushlightuserdata(h->L, (void *)callback);
  if (budgeted_call(h, 1, 1) != 0) return 0; /* a raising look-up: h->err says why */
  int yes = lua_toboolean(h->L, -1);
  lua_pop(h->L, 1);
  return yes;
}

int qk_host_call(qk_host *h, const char *callback) { return call_app(h, callback, 0); }

void qk_host_push_app(qk_host *h) {
  if (h->app_ref == LUA_NOREF) lua_pushnil(h->L);
  else lua_rawgeti(h->L, LUA_REGISTRYINDEX, h->app_ref);
}

int qk_host_draw(qk_host *h) { return call_app(h, "draw", 0); }

int qk_host_update(qk_host *h, double dt_ms) {
  lua_pushnumber(h->L, dt_ms);
  return call_app(h, "update", 1);
}

/* Inside budgeted_call: looks up app.event and, if it is a function, builds
** the event table (it allocates: the collector may run) and calls it. */
static int call_event(lua_State *L) {
  qk_host *h = qk_host_of(L);
  const qk_host_input *e = lua_touserdata(L, 1);
  get_callback(L, h, "event");
  if (!lua_isfunction(L, -1)) return 0;
  lua_createtable(L, 0, 10);
  lua_pushstring(L, e->type);
  lua_setfield(L, -2, "type");
  lua_pushnumber(L, e->x);
  lua_setfield(L, -2, "x");
  lua_pushnumber(L, e->y);
  lua_setfield(L, -2, "y");
  lua_pushinteger(L, e->pointer);
  lua_setfield(L, -2, "pointer");
  lua_pushinteger(L, (lua_Integer)e->t);
  lua_setfield(L, -2, "t");
  if (e->key) {
    lua_pushstring(L, e->key);
    lua_setfield(L, -2, "key");
  }
  if (e->text) {
    lua_pushstring(L, e->text);
    lua_setfield(L, -2, "text");
  }
  static const char *const mod_names[] = {"shift", "ctrl", "alt", "gui"};
  for (int i = 0; i < 4; i++)
    if (e->mods & (1u << i)) {
      lua_pushboolean(L, 1);
      lua_setfield(L, -2, mod_names[i]);
    }
  lua_call(L, 1, 0);
  return 0;
}

int qk_host_event(qk_host *h, const qk_host_input *e) {
  if (h->app_ref == LUA_NOREF) return 0;
  lua_pushcfunction(h->L, call_event);
  lua_pushlightuserdata(h->L, (void *)e);
  return budgeted_call(h, 1, 0);
}

/* ---- timers ---- */

int qk_host_timer_add(qk_host *h, lua_State *L, uint64_t due, uint64_t interval, int fn_index) {
  /* L, not h->L: the call may come from a coroutine, whose stack holds the
  ** function; the registry is shared by all threads of the VM. */
  if (h->ntimers == MAX_TIMERS) return -1;
  lua_pushvalue(L, fn_index);
  int ref = luaL_ref(L, LUA_REGISTRYINDEX);
  if (ref == LUA_REFNIL || ref == LUA_NOREF) return -1;
  timer *t = &h->timers[h->ntimers++];
  t->id = h->next_timer_id++;
  t->due = due;
  t->interval = interval;
  t->ref = ref;
  return t->id;
}

void qk_host_timer_cancel(qk_host *h, int id) {
  for (int i = 0; i < h->ntimers; i++)
    if (h->timers[i].id == id) {
      luaL_unref(h->L, LUA_REGISTRYINDEX, h->timers[i].ref);
      h->timers[i] = h->timers[--h->ntimers];
      return;
    }
}

uint64_t qk_host_next_timer(const qk_host *h) {
  uint64_t next = UINT64_MAX;
  for (int i = 0; i < h->ntimers; i++)
    if (h->timers[i].due < next) next = h->timers[i].due;
  return next;
}

/* Inside budgeted_call: stack = ref, once. Runs the timer's function; a
** one-shot timer's reference is dropped first. */
static int call_timer(lua_State *L) {
  int ref = (int)lua_tointeger(L, 1);
  lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
  if (lua_toboolean(L, 2)) luaL_unref(L, LUA_REGISTRYINDEX, ref);
  lua_call(L, 0, 0);
  return 0;
}

int qk_host_run_timers(qk_host *h, uint64_t now) {
  /* One due timer at a time, earliest first: callbacks may add or cancel. */
  for (int guard = 0; guard < 10 * MAX_TIMERS; guard++) {
    int pick = -1;
    for (int i = 0; i < h->ntimers; i++)
      if (h->timers[i].due <= now && (pick < 0 || h->timers[i].due < h->timers[pick].due)) pick = i;
    if (pick < 0) return 0;
    timer t = h->timers[pick];
    if (t.interval) {
      /* Catch up without a burst after a long stall. */
      h->timers[pick].due = t.due + t.interval > now ? t.due + t.interval : now + t.interval;
    } else {
      h->timers[pick] = h->timers[--h->ntimers];
    }
    lua_pushcfunction(h->L, call_timer);
    lua_pushinteger(h->L, t.ref);
    lua_pushboolean(h->L, t.interval == 0);
    if (budgeted_call(h, 2, 0) != 0) return -1;
  }
  return 0;
}

