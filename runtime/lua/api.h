/*
** api.h — the Lua modules written in C, and the helpers they share. Each
** module's open function gets the program's services (services.h) as
** upvalue 1 and passes them on to its functions as their upvalue 1 too: no
** globals, and nothing of the program beyond that struct.
**
** Each module is declared once, as a list of qk_api_fn (name, signature,
** one line of documentation, C function) at the end of its api_*.c file.
** That list makes the registration (qk_api_newlib) and the printable
** reference (`quizkiosk --api`, qk_api_print); tests/docs/api_readme.sh
** fails when the README's API tables and the lists disagree. Adding a
** function: write it, add its row to its module's list, and a row to the
** README's table of that module.
*/
#ifndef QK_API_H
#define QK_API_H

#include <stdint.h>
#include <stdio.h>

#include <lauxlib.h>
#include <lua.h>

#include "platform.h"
#include "services.h"

enum {
  QK_API_STAFF = 1,  /* staff screen only: registered only in its VM; elsewhere touching it raises */
  QK_API_FIELD = 2,  /* a value the open function sets (kiosk.config), not a function */
  QK_API_METHOD = 4  /* a method of a value the module returns (session:key), in its own table */
};

typedef struct {
  const char *name; /* the key in the module's table */
  lua_CFunction fn; /* NULL for QK_API_FIELD */
  const char *sig;  /* as a script writes it: "kiosk.after(ms, fn) -> id" */
  const char *doc;  /* one line */
  unsigned flags;   /* QK_API_* */
} qk_api_fn;

typedef struct qk_api_decl {
  const char *name;     /* the global: "kiosk" */
  const char *doc;      /* one line */
  const qk_api_fn *fns; /* ends with a row whose name is NULL */
} qk_api_decl;

/* The declarations, one per module (api_gfx.c, api_kiosk.c, ...). */
extern const qk_api_decl qk_api_gfx, qk_api_kiosk, qk_api_json, qk_api_store, qk_api_ime, qk_api_audio,
    qk_api_prize;

/* Prints the reference of mods (NULL-terminated) in the order declared. */
void qk_api_print(FILE *f, const qk_api_decl *const *mods);
/* Sets the functions of m whose flags are within `with` (plus the plain
** ones) into the table on top of the stack, each with the app (upvalue 1 of
** the running open function) as its upvalue; returns how many. */
int qk_api_setfuncs(lua_State *L, const qk_api_decl *m, unsigned with);
/* Raises "<module>.<key> is for the staff screen only (...)" when key names
** a QK_API_STAFF row of m; returns 0 otherwise (an __index for other apps). */
int qk_api_staff_index(lua_State *L, const qk_api_decl *m, const char *key, const char *how);
/* Into the module table on top of the stack (called from m's open function):
** m's QK_API_STAFF functions in the staff screen's VM; in any other app a
** metatable whose __index is `refuse` (a function calling
** qk_api_staff_index with its own explanation). Stack: unchanged. */
void qk_api_staff_part(lua_State *L, const qk_api_decl *m, lua_CFunction refuse);

int qk_open_gfx(lua_State *L);
/* gfx.qr (api_qr.c), a row of the gfx module. */
int qk_api_gfx_qr(lua_State *L);
/* The prize code (api_prize.c): prize.issue for apps, check / redeem /
** list for the staff screen only. */
int qk_open_prize(lua_State *L);
/* The session this VM began or finished last (store.begin_session,
** store.finish): prize.issue's "current session". 0 when none. */
void qk_api_set_current_session(lua_State *L, int64_t id);
int64_t qk_api_current_session(lua_State *L);
int qk_open_kiosk(lua_State *L);
int qk_open_json(lua_State *L); /* needs no services: usable by any host */
int qk_open_store(lua_State *L);
/* Chinese input (api_ime.c). Always present; the engines behind it are a
** module loaded on first use (ime_module.h), and without it the module's
** *_available functions say why. */
int qk_open_ime(lua_State *L);
/* Sound cues and music (api_audio.c, through services.h's sound calls);
** volume and mute for the staff screen only. */
int qk_open_audio(lua_State *L);

/* The services behind the running C function (its upvalue 1); NULL in a
** host that gave none. */
const qk_services *qk_api_services(lua_State *L);
/* Reads a colour argument: "#rgb", "#rrggbb", "#rrggbbaa", 0xRRGGBB or
** {r, g, b [, a]} (0..255). Missing/nil gives def; anything else raises. */
qk_color qk_api_color(lua_State *L, int idx, qk_color def);
/* A new table holding m's plain functions (qk_api_setfuncs with no flags). */
void qk_api_newlib(lua_State *L, const qk_api_decl *m);
/* The same for a plain luaL_Reg list into the table on top of the stack
** (metatables: __gc and the like). */
void qk_api_setregs(lua_State *L, const luaL_Reg *funcs);
/* The module's methods (QK_API_METHOD rows) into the table on top of the
** stack (a metatable's __index). Returns how many. */
int qk_api_setmethods(lua_State *L, const qk_api_decl *m);

/* Debug builds (no NDEBUG): every function registered by qk_api_newlib or
** qk_api_setfuncs runs through a check that it left the Lua stack
** balanced: at most its arguments plus the results it returned, nothing
** pushed and forgotten (a binding that pushes in a loop would otherwise
** grow the stack with its input). A failed check aborts naming the
** function. */
#endif
