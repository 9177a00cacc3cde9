/*
** api.h — the Lua modules written in C, and the helpers they share. Each
** module's open function gets the program's services (services.h) as
** upvalue 1 and passes them on to its functions as their upvalue 1 too: no
** globals, and nothing of the program beyond that struct.
*/
#ifndef QK_API_H
#define QK_API_H

#include <lauxlib.h>
#include <lua.h>

#include "platform.h"
#include "services.h"

int qk_open_gfx(lua_State *L);
int qk_open_kiosk(lua_State *L);
int qk_open_json(lua_State *L); /* needs no services: usable by any host */
int qk_open_store(lua_State *L);
/* Chinese input (api_ime.c). Always present; the engines behind it are a
** module loaded on first use (ime_module.h), and without it the module's
** *_available functions say why. */
int qk_open_ime(lua_State *L);

/* The services behind the running C function (its upvalue 1); NULL in a
** host that gave none. */
const qk_services *qk_api_services(lua_State *L);
/* Reads a colour argument: "#rgb", "#rrggbb", "#rrggbbaa", 0xRRGGBB or
** {r, g, b [, a]} (0..255). Missing/nil gives def; anything else raises. */
qk_color qk_api_color(lua_State *L, int idx, qk_color def);
/* Registers funcs in a new table with the services as their upvalue. */
void qk_api_newlib(lua_State *L, const luaL_Reg *funcs);
/* The same into the table on top of the stack (methods, metatables). */
void qk_api_setfuncs(lua_State *L, const luaL_Reg *funcs);

/* Debug builds (no NDEBUG): every function registered by qk_api_newlib or
** qk_api_setfuncs runs through a check that it left the Lua stack
** balanced: at most its arguments plus the results it returned, nothing
** pushed and forgotten (a binding that pushes in a loop would otherwise
** grow the stack with its input). A failed check aborts naming the
** function. */
#endif
