/*
** lua_json.h — Lua values <-> JSON text (see json.c, over the one codec in runtime/base/json.h). Both raise Lua errors on
** values that cannot be stored or text that is not JSON.
*/
#ifndef QK_LUA_JSON_H
#define QK_LUA_JSON_H

#include <stddef.h>

#include <lua.h>

/* Pushes the JSON text of the value at idx. */
void qk_json_push_encoded(lua_State *L, int idx);
/* Pushes the Lua value of JSON text s[0..len). */
void qk_json_push_decoded(lua_State *L, const char *s, size_t len);

#endif
