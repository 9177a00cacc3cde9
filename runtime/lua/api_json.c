/*
** api_json.c — the `json` module:
**   json.encode(value) -> text     tables with keys 1..n become arrays
**   json.decode(text)  -> value    raises on text that is not JSON
*/
#include <lauxlib.h>

#include "api.h"
#include "lua_json.h"

static int l_encode(lua_State *L) {
  luaL_checkany(L, 1);
  qk_json_push_encoded(L, 1);
  return 1;
}

static int l_decode(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  qk_json_push_decoded(L, s, len);
  return 1;
}

int qk_open_json(lua_State *L) {
  static const luaL_Reg funcs[] = {{"encode", l_encode}, {"decode", l_decode}, {NULL, NULL}};
  luaL_newlib(L, funcs);
  return 1;
}
