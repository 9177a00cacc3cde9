/*
** api.h — the Lua modules written in C, and the helpers they share. Each
** module's open function gets the runtime (qk_app) as upvalue 1 and passes it
** on to its functions as their upvalue 1 too: no globals.
*/
#ifndef QK_API_H
#define QK_API_H

#include <lauxlib.h>
#include <lua.h>

#include "app.h"
#include "platform.h"

int qk_open_gfx(lua_State *L);
int qk_open_kiosk(lua_State *L);
int qk_open_json(lua_State *L); /* needs no app: usable by any host */
int qk_open_store(lua_State *L);

/* The runtime behind the running C function (its upvalue 1). */
qk_app *qk_api_app(lua_State *L);
/* Reads a colour argument: "#rgb", "#rrggbb", "#rrggbbaa", 0xRRGGBB or
** {r, g, b [, a]} (0..255). Missing/nil gives def; anything else raises. */
qk_color qk_api_color(lua_State *L, int idx, qk_color def);
/* Registers funcs in a new table with the app as their upvalue. */
void qk_api_newlib(lua_State *L, const luaL_Reg *funcs);

#endif
