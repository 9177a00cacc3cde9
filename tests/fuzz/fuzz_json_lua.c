/*
** fuzz_json_lua.c — libFuzzer harness for the Lua JSON codec
** (runtime/lua/json.c over runtime/base/json.c): any bytes to decode. When they decode and the value
** encodes again, the encoding must be JSON that the store's strict
** validator accepts (the store refuses anything else, so a response the app
** encoded could not be saved) and that decodes again.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "json.h"
#include "lua_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int decode(lua_State *L) {
  size_t n;
  const char *s = lua_tolstring(L, 1, &n);
  qk_json_push_decoded(L, s, n);
  return 1;
}

static int encode(lua_State *L) {
  qk_json_push_encoded(L, 1);
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  lua_State *L = luaL_newstate();
  if (!L) return 0;
  lua_pushcfunction(L, decode);
  lua_pushlstring(L, (const char *)data, size);
  if (lua_pcall(L, 1, 1, 0) == LUA_OK) {
    lua_pushcfunction(L, encode);
    lua_insert(L, -2);
    if (lua_pcall(L, 1, 1, 0) == LUA_OK) {
      size_t n;
      const char *enc = lua_tolstring(L, -1, &n);
      if (!enc || !qk_json_valid(enc, n)) abort(); /* our encoding, refused by the store */
      lua_pushcfunction(L, decode);
      lua_insert(L, -2);
      if (lua_pcall(L, 1, 1, 0) != LUA_OK) abort(); /* our encoding, refused by our decoder */
    }
  }
  lua_close(L);
  return 0;
}
