/*
** api_json.c — the `json` module, declared in qk_api_json at the end. It
** needs no app (usable by any host): registered without an upvalue.
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

static const qk_api_fn json_fns[] = {
  {"encode", l_encode, "json.encode(value) -> text", "tables with keys 1..n become arrays, others objects", 0},
  {"decode", l_decode, "json.decode(text) -> value", "raises on text that is not JSON", 0},
  {NULL, NULL, NULL, NULL, 0}};

const qk_api_decl qk_api_json = {"json", "values to JSON text and back (what the store keeps)", json_fns};

int qk_open_json(lua_State *L) {
  lua_createtable(L, 0, 2);
  for (const qk_api_fn *f = json_fns; f->name; f++) {
    lua_pushcfunction(L, f->fn);
    lua_setfield(L, -2, f->name);
  }
  return 1;
}
